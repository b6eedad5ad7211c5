package io.repstream.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.repstream.exercise.PoseInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MotionPhasesTest {
  private static final int FRAMES_PER_REP = 20;
  private static final int STILL_FRAMES = 10;

  /**
   * A person standing still, then squatting {@code reps} times (the whole body drops by {@code depth} of the frame
   * and rises again), then standing still; a few frames without a pose in the middle.
   */
  private static List<Optional<PoseInput>> squats(int reps, float depth) {
    List<Optional<PoseInput>> frames = new ArrayList<>();
    for (int i = 0; i < STILL_FRAMES; i++) {
      frames.add(Optional.of(pose(0)));
    }
    for (int r = 0; r < reps; r++) {
      for (int i = 0; i < FRAMES_PER_REP; i++) {
        double progress = (1 - Math.cos(2 * Math.PI * i / FRAMES_PER_REP)) / 2;
        frames.add(r == 1 && i == 3 ? Optional.empty() : Optional.of(pose((float) (depth * progress))));
      }
    }
    for (int i = 0; i < STILL_FRAMES; i++) {
      frames.add(Optional.of(pose(0)));
    }
    return frames;
  }

  private static PoseInput pose(float drop) {
    float[][] k = new float[PoseInput.KEYPOINTS][];
    for (int j = 0; j < k.length; j++) {
      // Upper keypoints drop further than the feet, as in a squat.
      float share = 1 - j / (float) k.length;
      k[j] = new float[] {0.4f + 0.01f * j, 0.1f + 0.04f * j + share * drop, 0.9f};
    }
    return new PoseInput(k, 16 / 9f);
  }

  @Test
  void aClipWhoseMovementMakesItsRepsGetsTopAtRestAndBottomAtTheFarEnd() {
    List<Optional<PoseInput>> frames = squats(4, 0.2f);
    Optional<List<String>> phases = MotionPhases.label(frames, 4);

    assertThat(phases).isPresent();
    List<String> p = phases.get();
    assertThat(p).hasSameSizeAs(frames);
    assertThat(p.subList(0, STILL_FRAMES)).containsOnly("TOP");
    // Half-way through each rep the body is at its lowest.
    for (int r = 0; r < 4; r++) {
      assertThat(p.get(STILL_FRAMES + r * FRAMES_PER_REP + FRAMES_PER_REP / 2)).isEqualTo("BOTTOM");
    }
    assertThat(p.get(STILL_FRAMES + FRAMES_PER_REP + 3)).as("no pose, no phase").isNull();
    assertThat(p).contains("MOVING");
  }

  @Test
  void aClipWhoseMovementDisagreesWithItsRepCountGetsNoPhases() {
    assertThat(MotionPhases.label(squats(4, 0.2f), 5)).isEmpty();
    assertThat(MotionPhases.label(squats(4, 0.2f), 3)).isEmpty();
  }

  @Test
  void cyclesCountOnlyFullReturnsToTheStart() {
    assertThat(MotionPhases.cycles(new double[] {0, 0.5, 1, 0.5, 0, 0.5, 1, 0.5, 0})).isEqualTo(2);
    // Down to the far end but not back up: not a rep yet. Half way down and back: not a rep.
    assertThat(MotionPhases.cycles(new double[] {0, 1, 0, 0.5, 0, 1, 0.9})).isEqualTo(1);
  }
}
