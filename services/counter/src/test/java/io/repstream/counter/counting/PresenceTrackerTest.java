package io.repstream.counter.counting;

import static org.assertj.core.api.Assertions.assertThat;

import io.repstream.schemas.Box;
import io.repstream.schemas.Keypoint;
import io.repstream.schemas.ParticipantState;
import io.repstream.schemas.Pose;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PresenceTrackerTest {
  private static final long FRAME = 100;
  private static final int LEFT_WRIST = 9;

  private final PresenceTracker presence = new PresenceTracker(0.3, 1_000, 5_000, 0.08);
  private long time;

  /** A standing pose; the left wrist at {@code wristY} with confidence {@code wristScore}. */
  private static Pose pose(double wristY, float wristScore) {
    List<Keypoint> kps = new ArrayList<>();
    for (int i = 0; i < BodyPoint.KEYPOINTS; i++) {
      boolean wrist = i == LEFT_WRIST;
      kps.add(new Keypoint(0.5f, wrist ? (float) wristY : 0.2f + i * 0.04f, wrist ? wristScore : 0.9f));
    }
    return new Pose(new Box(0.4f, 0.2f, 0.6f, 0.9f), 0.8f, kps);
  }

  private ParticipantState run(long millis, java.util.function.LongFunction<Pose> poseAt) {
    for (long end = time + millis; time < end; time += FRAME) {
      presence.observe(poseAt.apply(time), time);
    }
    return presence.state();
  }

  @Test
  void stillnessIsIdleEvenWhenAnUnsureKeypointJumpsAbout() {
    assertThat(run(4_000, t -> pose(0.5, 0.9f))).isEqualTo(ParticipantState.ACTIVE);
    assertThat(run(2_000, t -> pose((t / FRAME) % 2 == 0 ? 0.2 : 0.8, 0.1f))).isEqualTo(ParticipantState.IDLE);
  }

  @Test
  void movingOnlyAnArmIsActivity() {
    run(6_000, t -> pose(0.5, 0.9f));
    assertThat(presence.state()).isEqualTo(ParticipantState.IDLE);
    assertThat(run(2_000, t -> pose(0.5 - 0.3 * Math.abs(Math.sin(t / 500.0)), 0.9f))).isEqualTo(ParticipantState.ACTIVE);
  }

  @Test
  void nobodyInFrameIsNotVisibleAfterTheDelayAndComingBackIsActive() {
    run(2_000, t -> pose(0.5, 0.9f));
    assertThat(run(500, t -> null)).isEqualTo(ParticipantState.ACTIVE);
    assertThat(run(1_000, t -> null)).isEqualTo(ParticipantState.NOT_VISIBLE);
    assertThat(run(FRAME, t -> pose(0.5, 0.9f))).isEqualTo(ParticipantState.ACTIVE);
  }
}
