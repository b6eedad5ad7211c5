package io.repstream.exercise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class PoseFeaturesTest {
  /** A person standing side-on, facing +x, in a 16:9 frame. */
  static float[][] standingFacingRight(float dx, float size) {
    float[][] k = {
        {.52f, .20f}, {.53f, .19f}, {.53f, .19f}, {.51f, .19f}, {.51f, .19f},
        {.50f, .30f}, {.50f, .30f}, {.51f, .42f}, {.51f, .42f}, {.52f, .52f}, {.52f, .52f},
        {.50f, .55f}, {.50f, .55f}, {.50f, .72f}, {.50f, .72f}, {.50f, .90f}, {.50f, .90f}};
    float[][] out = new float[17][];
    for (int i = 0; i < 17; i++) {
      out[i] = new float[] {.5f + (k[i][0] - .5f) * size + dx, .5f + (k[i][1] - .5f) * size, 0.9f};
    }
    return out;
  }

  @Test
  void positionAndSizeInTheFrameDoNotChangeTheFeatures() {
    float[] a = PoseFeatures.of(new PoseInput(standingFacingRight(0, 1), 16f / 9));
    float[] b = PoseFeatures.of(new PoseInput(standingFacingRight(-.2f, .5f), 16f / 9));
    assertThat(b).containsExactly(a, offset(1e-4f));
    assertThat(a).hasSize(PoseFeatures.FRAME_SIZE);
  }

  @Test
  void facingLeftGivesTheSameFeaturesAsFacingRight() {
    float[][] right = standingFacingRight(0, 1);
    float[][] left = new float[17][];
    int[] mirror = {0, 2, 1, 4, 3, 6, 5, 8, 7, 10, 9, 12, 11, 14, 13, 16, 15};
    for (int i = 0; i < 17; i++) {
      float[] k = right[mirror[i]];
      left[i] = new float[] {1 - k[0], k[1], k[2]};
    }
    assertThat(PoseFeatures.of(new PoseInput(left, 16f / 9)))
        .containsExactly(PoseFeatures.of(new PoseInput(right, 16f / 9)), offset(1e-4f));
  }

  @Test
  void bentKneeShowsInTheKneeAngle() {
    float[][] straight = standingFacingRight(0, 1);
    float[][] bent = standingFacingRight(0, 1);
    bent[13] = new float[] {.58f, .66f, .9f};
    bent[14] = new float[] {.58f, .66f, .9f};
    int kneeCos = 17 * 3 + 6 * 2;
    assertThat(PoseFeatures.of(new PoseInput(straight, 16f / 9))[kneeCos]).isCloseTo(-1f, offset(0.02f));
    assertThat(PoseFeatures.of(new PoseInput(bent, 16f / 9))[kneeCos]).isGreaterThan(-0.9f);
  }

  @Test
  void motionWindowShowsWhichJointsMove() {
    MotionWindow window = new MotionWindow();
    FeatureVector v = null;
    for (int i = 0; i < MotionWindow.FRAMES * 2; i++) {
      float[][] k = standingFacingRight(0, 1);
      // Knees swing forward and back; everything else is still.
      float dx = (i % 2 == 0) ? 0.05f : -0.05f;
      k[13][0] += dx;
      k[14][0] += dx;
      v = window.next(new PoseInput(k, 16f / 9));
    }
    int motion = 2 * PoseFeatures.FRAME_SIZE;
    int leftKneeX = 13 * 2;
    int leftWristX = 9 * 2;
    assertThat(v.values()[motion + leftKneeX]).isGreaterThan(0.1f);
    assertThat(v.values()[motion + leftWristX]).isCloseTo(0f, offset(1e-3f));
    // Where the frame is in the movement: knees swinging evenly between two ends are one spread from their mean,
    // whatever the swing's size; a still wrist is at its mean.
    int distance = 3 * PoseFeatures.FRAME_SIZE;
    assertThat(Math.abs(v.values()[distance + leftKneeX])).isCloseTo(1f, offset(1e-3f));
    assertThat(v.values()[distance + leftWristX]).isCloseTo(0f, offset(1e-3f));
    FeatureVector first = new MotionWindow().next(new PoseInput(standingFacingRight(0, 1), 16f / 9));
    for (int i = 2 * PoseFeatures.FRAME_SIZE; i < PoseFeatures.SIZE; i++) {
      assertThat(first.values()[i]).isZero();
    }
  }

  @Test
  void oneWildFrameIsCutAtTheLargestDistance() {
    MotionWindow window = new MotionWindow();
    for (int i = 0; i < MotionWindow.FRAMES - 1; i++) {
      window.next(new PoseInput(standingFacingRight(0, 1), 16f / 9));
    }
    float[][] k = standingFacingRight(0, 1);
    k[9][0] += 0.4f;
    FeatureVector v = window.next(new PoseInput(k, 16f / 9));
    int leftWristX = 3 * PoseFeatures.FRAME_SIZE + 9 * 2;
    assertThat(v.values()[leftWristX]).isEqualTo((float) MotionWindow.MAX_DISTANCE);
  }

  @Test
  void version2OnlyAppendsToVersion1() {
    assertThat(PoseFeatures.size(1)).isEqualTo(3 * PoseFeatures.FRAME_SIZE);
    assertThat(PoseFeatures.size(2)).isEqualTo(PoseFeatures.SIZE);
    assertThat(PoseFeatures.understands(0)).isFalse();
    assertThat(PoseFeatures.understands(PoseFeatures.VERSION + 1)).isFalse();
  }

  @Test
  void missingKeypointsGiveZerosNotGarbage() {
    float[][] k = standingFacingRight(0, 1);
    for (int i = 0; i < 17; i++) {
      k[i][2] = 0.05f;
    }
    float[] f = PoseFeatures.of(new PoseInput(k, 1f));
    for (float v : f) {
      assertThat(v).isZero();
    }
    float[][] noNaN = standingFacingRight(0, 1);
    noNaN[9] = new float[] {Float.NaN, Float.NaN, 0.9f};
    for (float v : PoseFeatures.of(new PoseInput(noNaN, 1f))) {
      assertThat(Float.isFinite(v)).isTrue();
    }
  }
}
