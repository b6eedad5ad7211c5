package io.repstream.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.repstream.exercise.PoseFeatures;
import io.repstream.exercise.PoseInput;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PoseAugmentationTest {
  /** Only the closer framing: no roll, scale, mirror, dropout or jitter. */
  private static final PoseAugmentation CLOSER_ONLY = new PoseAugmentation(0, 0, 0, 0, 0, 1, 2.4);

  /** A person standing in the middle of the picture, head near the top, feet near the bottom. */
  private static PoseInput standing(float score) {
    float[][] k = new float[PoseInput.KEYPOINTS][];
    for (int i = 0; i < k.length; i++) {
      k[i] = new float[] {0.5f + (i % 2 == 0 ? 0.02f : -0.02f), 0.1f + 0.85f * i / (k.length - 1), score};
    }
    return new PoseInput(k, 16f / 9);
  }

  @Test
  void aCloserCameraLosesTheLowerBodyAndKeepsTheFramingForTheWholeSequence() {
    Random random = new Random(3);
    int sequencesLosingAnkles = 0;
    for (int s = 0; s < 50; s++) {
      PoseAugmentation.SequenceTransform camera = CLOSER_ONLY.forSequence(random);
      PoseInput first = camera.apply(standing(0.9f));
      PoseInput again = camera.apply(standing(0.9f));
      assertThat(again.keypoints()).as("one camera for all frames of a sequence").isDeepEqualTo(first.keypoints());
      for (float[] k : first.keypoints()) {
        boolean inside = k[0] >= 0 && k[0] <= 1 && k[1] >= 0 && k[1] <= 1;
        // A keypoint outside the picture reads as missing to the features, as MoveNet's low score makes it.
        assertThat(k[2] >= PoseFeatures.MIN_SCORE).as("score follows whether the keypoint is in the picture").isEqualTo(inside);
      }
      if (first.keypoints()[16][2] < PoseFeatures.MIN_SCORE) {
        sequencesLosingAnkles++;
      }
    }
    // Zoom at least 1.2 about a point in the upper half always pushes feet at 0.95 of the picture's height out.
    assertThat(sequencesLosingAnkles).isEqualTo(50);
  }

  @Test
  void withoutCloserFramingNothingIsCut() {
    PoseAugmentation none = new PoseAugmentation(0, 0, 0, 0, 0, 0, 1);
    PoseInput pose = standing(0.9f);
    assertThat(none.forSequence(new Random(1)).apply(pose).keypoints()).isDeepEqualTo(pose.keypoints());
  }
}
