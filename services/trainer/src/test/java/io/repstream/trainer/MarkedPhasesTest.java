package io.repstream.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.repstream.exercise.PoseInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MarkedPhasesTest {
  private static final int FRAMES_PER_REP = 20;
  private static final int STILL_FRAMES = 10;
  private static final long MICROS_PER_FRAME = 100_000;
  /** One deep squat, one shallow, one deep, one that hardly moves (a mark set on a pause). */
  private static final float[] DEPTHS = {0.25f, 0.08f, 0.25f, 0.005f};

  /** Standing, then a squat of each depth, then standing, sampled at 10 fps; one frame without a pose. */
  private static List<ClipPoses.SampledFrame> squats() {
    List<ClipPoses.SampledFrame> frames = new ArrayList<>();
    for (int i = 0; i < STILL_FRAMES; i++) {
      frames.add(frame(frames.size(), 0));
    }
    for (int r = 0; r < DEPTHS.length; r++) {
      for (int i = 0; i < FRAMES_PER_REP; i++) {
        double progress = (1 - Math.cos(2 * Math.PI * i / FRAMES_PER_REP)) / 2;
        frames.add(r == 2 && i == 4 ? new ClipPoses.SampledFrame(frames.size() * MICROS_PER_FRAME, Optional.empty())
            : frame(frames.size(), (float) (DEPTHS[r] * progress)));
      }
    }
    for (int i = 0; i < STILL_FRAMES; i++) {
      frames.add(frame(frames.size(), 0));
    }
    return frames;
  }

  /** Seconds at which each rep ended: back at the start position. */
  private static List<Double> marks() {
    List<Double> out = new ArrayList<>();
    for (int r = 1; r <= DEPTHS.length; r++) {
      out.add((STILL_FRAMES + r * FRAMES_PER_REP) * MICROS_PER_FRAME / 1e6);
    }
    return out;
  }

  private static ClipPoses.SampledFrame frame(int index, float drop) {
    float[][] k = new float[PoseInput.KEYPOINTS][];
    for (int j = 0; j < k.length; j++) {
      float share = 1 - j / (float) k.length;
      k[j] = new float[] {0.4f + 0.01f * j, 0.1f + 0.04f * j + share * drop, 0.9f};
    }
    return new ClipPoses.SampledFrame(index * MICROS_PER_FRAME, Optional.of(new PoseInput(k, 16 / 9f)));
  }

  private static int repFrame(int rep, int i) {
    return STILL_FRAMES + rep * FRAMES_PER_REP + i;
  }

  @Test
  void everyMarkedRepReachesItsOwnBottomHoweverDeep() {
    List<ClipPoses.SampledFrame> frames = squats();
    // The clip's movement alone makes 2 full cycles, not the 4 marked: it gives no phases at all.
    assertThat(MotionPhases.label(frames.stream().map(ClipPoses.SampledFrame::pose).toList(), DEPTHS.length)).isEmpty();

    List<String> p = MarkedPhases.label(frames, marks()).orElseThrow();
    assertThat(p).hasSameSizeAs(frames);
    for (int r : new int[] {0, 1, 2}) {
      assertThat(p.get(repFrame(r, FRAMES_PER_REP / 2))).as("rep %d half-way", r).isEqualTo("BOTTOM");
      assertThat(p.get(repFrame(r, 1))).as("rep %d leaving the top", r).isEqualTo("TOP");
      assertThat(p.get(repFrame(r, 5))).as("rep %d on the way down", r).isEqualTo("MOVING");
    }
    assertThat(p.get(repFrame(2, 4))).as("no pose, no phase").isNull();
  }

  @Test
  void framesOutsideTheRepsAndARepThatHardlyMovesGetNoPhase() {
    List<ClipPoses.SampledFrame> frames = squats();
    List<String> p = MarkedPhases.label(frames, marks()).orElseThrow();
    // The first rep starts as long before its mark as the second lasted: at the end of the standing start.
    assertThat(p.subList(0, STILL_FRAMES)).containsOnlyNulls();
    assertThat(p.subList(repFrame(3, 1), frames.size())).as("the pause and the standing end").containsOnlyNulls();
  }

  @Test
  void noMarksOrTooFewPosesGiveNothing() {
    assertThat(MarkedPhases.label(squats(), List.of())).isEmpty();
    assertThat(MarkedPhases.label(squats().subList(0, 2), marks())).isEmpty();
  }
}
