package io.repstream.exercise;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The recent frames of one participant, turning each new frame's values into the model's input: the frame
 * itself, then each value's mean and standard deviation over the last {@link #FRAMES} frames: the posture the
 * body keeps and which joints move; then where the frame lies in that motion, each value's distance from its
 * mean in standard deviations. The last is what tells the two ends of a rep apart whatever the student's range
 * of motion: a shallow squat's bottom is as far from its mean as a deep one's, though the knees bend less.
 * At the classifier's default 10 frames per second the window spans three seconds, a rep or more of any
 * exercise in the catalogue.
 * One window per participant; not thread-safe.
 */
public final class MotionWindow {
  public static final int FRAMES = 30;
  /**
   * The least spread a value's distance from its mean is measured in: below it a value barely moves (a joint
   * held still, or one that only jitters), and its jitter must not look like the end of a movement.
   */
  static final double MIN_SPREAD = 0.05;
  /** Distances from the mean are cut at this many spreads, so one wild keypoint cannot swamp the input. */
  static final double MAX_DISTANCE = 3;

  private final Deque<float[]> frames = new ArrayDeque<>(FRAMES);
  private final double[] sum = new double[PoseFeatures.FRAME_SIZE];
  private final double[] sumOfSquares = new double[PoseFeatures.FRAME_SIZE];

  /** Adds a frame with a pose and returns the model input for it. */
  public FeatureVector next(PoseInput pose) {
    return next(PoseFeatures.of(pose));
  }

  FeatureVector next(float[] frame) {
    if (frames.size() == FRAMES) {
      float[] old = frames.removeFirst();
      for (int i = 0; i < old.length; i++) {
        sum[i] -= old[i];
        sumOfSquares[i] -= (double) old[i] * old[i];
      }
    }
    frames.addLast(frame);
    for (int i = 0; i < frame.length; i++) {
      sum[i] += frame[i];
      sumOfSquares[i] += (double) frame[i] * frame[i];
    }
    int n = frames.size();
    float[] out = new float[PoseFeatures.SIZE];
    System.arraycopy(frame, 0, out, 0, frame.length);
    for (int i = 0; i < frame.length; i++) {
      double mean = sum[i] / n;
      // Running sums can dip a hair below zero variance from rounding.
      double spread = Math.sqrt(Math.max(0, sumOfSquares[i] / n - mean * mean));
      double distance = (frame[i] - mean) / Math.max(spread, MIN_SPREAD);
      out[frame.length + i] = (float) mean;
      out[2 * frame.length + i] = (float) spread;
      out[3 * frame.length + i] = (float) Math.max(-MAX_DISTANCE, Math.min(MAX_DISTANCE, distance));
    }
    return new FeatureVector(out);
  }
}
