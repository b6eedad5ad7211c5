package io.repstream.trainer;

import io.repstream.exercise.PoseInput;
import java.util.Random;

/**
 * Random changes to poses that do not change their exercise or phase, applied in keypoint space. A camera
 * roll, a change of scale and position and a mirror image are drawn once per sequence (the camera does not
 * move between frames, and the model reads motion across frames); dropped keypoints and jitter, as a pose
 * estimator adds, are drawn per frame.
 */
public record PoseAugmentation(double maxRollRadians, double maxScaleChange, double mirrorProbability,
    double dropProbability, double jitter) {

  /** Webcams are roughly level; MoveNet's jitter on the real clips is about 1% of the frame. */
  public static final PoseAugmentation DEFAULT = new PoseAugmentation(Math.toRadians(10), 0.25, 0.5, 0.05, 0.01);
  private static final int[] MIRROR = {0, 2, 1, 4, 3, 6, 5, 8, 7, 10, 9, 12, 11, 14, 13, 16, 15};
  private static final float DROPPED_SCORE = 0.05f;

  /** One sequence's camera: fixed roll, scale and mirror for all its frames. */
  public final class SequenceTransform {
    private final boolean mirror;
    private final double cos;
    private final double sin;
    private final double scale;
    private final Random random;

    private SequenceTransform(Random random) {
      this.random = random;
      this.mirror = random.nextDouble() < mirrorProbability;
      double roll = (random.nextDouble() * 2 - 1) * maxRollRadians;
      this.cos = Math.cos(roll);
      this.sin = Math.sin(roll);
      this.scale = 1 + (random.nextDouble() * 2 - 1) * maxScaleChange;
    }

    public PoseInput apply(PoseInput pose) {
      float[][] in = pose.keypoints();
      float aspect = pose.aspect();
      float[][] out = new float[in.length][];
      for (int i = 0; i < in.length; i++) {
        float[] k = in[mirror ? MIRROR[i] : i];
        // Rotate and scale about the frame centre in square units, then back to normalised coordinates.
        double x = ((mirror ? 1 - k[0] : k[0]) - 0.5) * aspect;
        double y = k[1] - 0.5;
        double rx = (x * cos - y * sin) * scale;
        double ry = (x * sin + y * cos) * scale;
        float score = random.nextDouble() < dropProbability ? DROPPED_SCORE : k[2];
        out[i] = new float[] {
            (float) (rx / aspect + 0.5 + random.nextGaussian() * jitter),
            (float) (ry + 0.5 + random.nextGaussian() * jitter),
            score};
      }
      return new PoseInput(out, aspect);
    }
  }

  public SequenceTransform forSequence(Random random) {
    return new SequenceTransform(random);
  }
}
