package io.repstream.synth.noise;

import io.repstream.synth.body.Joint;
import io.repstream.synth.camera.ProjectedPose;
import java.util.Random;

/** Applies a {@link KeypointNoise} model to a sequence of projected poses, frame by frame. */
public final class NoisyKeypoints {
  private static final int N = Joint.COCO_COUNT;
  /** Keypoint index pairs that can be confused: left and right of the same joint. */
  private static final int[][] LIMBS = {
      {Joint.LEFT_SHOULDER.ordinal(), Joint.LEFT_ELBOW.ordinal(), Joint.LEFT_WRIST.ordinal()},
      {Joint.LEFT_HIP.ordinal(), Joint.LEFT_KNEE.ordinal(), Joint.LEFT_ANKLE.ordinal()}};
  /** A lost keypoint wanders this far per frame, in person sizes. */
  private static final double DROP_DRIFT = 0.03;
  private static final double LOW_SCORE = 0.12;

  private final KeypointNoise model;
  private final Random random;
  private final double[] errX = new double[N];
  private final double[] errY = new double[N];
  private final int[] dropLeft = new int[N];
  private final double[] dropX = new double[N];
  private final double[] dropY = new double[N];
  private final int[] swapLeft = new int[LIMBS.length];

  NoisyKeypoints(KeypointNoise model, Random random) {
    this.model = model;
    this.random = random;
  }

  /** The estimator's output for one frame: x, y (normalised) and score per keypoint, in rows of three. */
  public double[][] observe(ProjectedPose truth) {
    double size = Math.max(1e-3, truth.boxDiagonal());
    double[][] out = new double[N][3];
    double keep = model.jitterSmoothing();
    double fresh = Math.sqrt(1 - keep * keep);
    for (int i = 0; i < N; i++) {
      double sigma = model.jitter() * size * factor(i, truth);
      errX[i] = keep * errX[i] + fresh * sigma * random.nextGaussian();
      errY[i] = keep * errY[i] + fresh * sigma * random.nextGaussian();
      out[i][0] = truth.x()[i] + errX[i];
      out[i][1] = truth.y()[i] + errY[i];
      out[i][2] = score(truth, i);
    }
    for (int limb = 0; limb < LIMBS.length; limb++) {
      if (swapLeft[limb] == 0 && random.nextDouble() < model.swapRate()) {
        swapLeft[limb] = length(model.swapFrames());
      }
      if (swapLeft[limb] > 0) {
        swapLeft[limb]--;
        for (int left : LIMBS[limb]) {
          int right = left + 1;
          double[] tmp = out[left];
          out[left] = out[right];
          out[right] = tmp;
        }
      }
    }
    for (int i = 0; i < N; i++) {
      if (dropLeft[i] == 0 && random.nextDouble() < model.dropRate()) {
        dropLeft[i] = length(model.dropFrames());
        dropX[i] = out[i][0];
        dropY[i] = out[i][1];
      }
      if (dropLeft[i] > 0) {
        dropLeft[i]--;
        dropX[i] += DROP_DRIFT * size * random.nextGaussian();
        dropY[i] += DROP_DRIFT * size * random.nextGaussian();
        out[i][0] = dropX[i];
        out[i][1] = dropY[i];
        out[i][2] = LOW_SCORE * random.nextDouble();
      }
      out[i][0] = clamp(out[i][0]);
      out[i][1] = clamp(out[i][1]);
    }
    return out;
  }

  private double factor(int i, ProjectedPose truth) {
    double f = 1;
    if (i == Joint.LEFT_WRIST.ordinal() || i == Joint.RIGHT_WRIST.ordinal() || i == Joint.LEFT_ANKLE.ordinal()
        || i == Joint.RIGHT_ANKLE.ordinal() || i == Joint.LEFT_ELBOW.ordinal() || i == Joint.RIGHT_ELBOW.ordinal()) {
      f *= model.extremityFactor();
    }
    if (!truth.visible(i)) {
      f *= model.occludedFactor();
    }
    return f;
  }

  private double score(ProjectedPose truth, int i) {
    if (!truth.inFrame()[i]) {
      return clamp(LOW_SCORE * random.nextDouble());
    }
    double mean = truth.visible(i) ? model.visibleScore() : model.occludedScore();
    if (random.nextDouble() < model.lowScoreRate()) {
      mean = LOW_SCORE;
    }
    return clamp(mean + model.scoreSpread() * random.nextGaussian());
  }

  private int length(double mean) {
    return 1 + (int) Math.round(-Math.log(1 - random.nextDouble()) * (mean - 1));
  }

  private static double clamp(double v) {
    return Math.max(0, Math.min(1, v));
  }
}
