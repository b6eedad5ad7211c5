package io.repstream.trainer;

import io.repstream.exercise.PoseInput;
import java.util.Random;

/**
 * Random changes to a pose that do not change its exercise or phase, applied in keypoint space: a small
 * camera roll, a change of scale and position, a mirror image, keypoints dropped as if occluded, and jitter
 * as a pose estimator adds.
 */
public record PoseAugmentation(double maxRollRadians, double maxScaleChange, double mirrorProbability,
    double dropProbability, double jitter) {

  /** Webcams are roughly level; MoveNet's jitter on the real clips is about 1% of the frame. */
  public static final PoseAugmentation DEFAULT = new PoseAugmentation(Math.toRadians(10), 0.25, 0.5, 0.05, 0.01);
  private static final int[] MIRROR = {0, 2, 1, 4, 3, 6, 5, 8, 7, 10, 9, 12, 11, 14, 13, 16, 15};
  private static final float DROPPED_SCORE = 0.05f;

  public PoseInput apply(PoseInput pose, Random r) {
    float[][] in = pose.keypoints();
    float aspect = pose.aspect();
    boolean mirror = r.nextDouble() < mirrorProbability;
    double roll = (r.nextDouble() * 2 - 1) * maxRollRadians;
    double scale = 1 + (r.nextDouble() * 2 - 1) * maxScaleChange;
    double cos = Math.cos(roll);
    double sin = Math.sin(roll);
    float[][] out = new float[in.length][];
    for (int i = 0; i < in.length; i++) {
      float[] k = in[mirror ? MIRROR[i] : i];
      // Rotate and scale about the frame centre in square units, then back to normalised coordinates.
      double x = ((mirror ? 1 - k[0] : k[0]) - 0.5) * aspect;
      double y = k[1] - 0.5;
      double rx = (x * cos - y * sin) * scale;
      double ry = (x * sin + y * cos) * scale;
      float score = k[2];
      if (r.nextDouble() < dropProbability) {
        score = DROPPED_SCORE;
      }
      out[i] = new float[] {
          (float) (rx / aspect + 0.5 + r.nextGaussian() * jitter),
          (float) (ry + 0.5 + r.nextGaussian() * jitter),
          score};
    }
    return new PoseInput(out, aspect);
  }
}
