package io.repstream.trainer;

import io.repstream.exercise.PoseInput;
import io.repstream.schemas.Phase;
import io.repstream.synth.motion.PhaseThresholds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Phase labels for the frames of a real clip, read from its own movement and kept only where the clip's true rep
 * count confirms them. The main direction of keypoint motion over the clip (first principal component) gives each
 * frame a position; the end the clip starts and ends at is the start position (TOP, as the synthetic workouts
 * label it), the other end the far position (BOTTOM), and each frame's depth between them is labelled with the
 * synthetic workouts' own thresholds. If the cycles those labels make are not exactly the clip's reps, the clip's
 * motion is not one clean exercise (set-up, walking, a second movement) and none of its frames get a phase.
 */
public final class MotionPhases {
  /** The share of posed frames at each end of a clip taken to show the rest (start) position. */
  static final double REST_SHARE = 0.1;
  /** The percentiles taken as the two ends of the movement, so that single glitches do not stretch it. */
  static final double END_PERCENTILE = 0.05;
  /** Keypoints below this score are replaced by the clip's mean position of that keypoint. */
  static final double MIN_KEYPOINT_SCORE = 0.2;
  static final int POWER_ITERATIONS = 100;
  /** Frames in the moving average that takes the pose engine's jitter out of the position. */
  static final int SMOOTHING_FRAMES = 3;
  private static final int MIN_POSED_FRAMES = 20;

  private MotionPhases() {}

  /**
   * The phase name of each frame (null where the frame has no pose), or empty when the clip's movement does not
   * make exactly {@code trueReps} cycles.
   */
  public static Optional<List<String>> label(List<Optional<PoseInput>> frames, int trueReps) {
    List<Integer> posed = posedIndices(frames);
    if (posed.size() < MIN_POSED_FRAMES || trueReps < 1) {
      return Optional.empty();
    }
    double[] depth = depth(positions(frames, posed));
    String[] byFrame = new String[frames.size()];
    for (int k = 0; k < posed.size(); k++) {
      byFrame[posed.get(k)] = PhaseThresholds.of(depth[k]).name();
    }
    return cycles(depth) == trueReps ? Optional.of(Arrays.asList(byFrame)) : Optional.empty();
  }

  /** The indices of the frames with a pose, in order. */
  static List<Integer> posedIndices(List<Optional<PoseInput>> frames) {
    List<Integer> posed = new ArrayList<>();
    for (int i = 0; i < frames.size(); i++) {
      if (frames.get(i).isPresent()) {
        posed.add(i);
      }
    }
    return posed;
  }

  /**
   * Each posed frame's place along the clip's main direction of motion (its first principal component), smoothed
   * over {@link #SMOOTHING_FRAMES}; {@code posed} lists the indices of the frames with a pose, in order.
   */
  static double[] positions(List<Optional<PoseInput>> frames, List<Integer> posed) {
    return smooth(project(coordinates(frames, posed)));
  }

  /** Completed TOP-BOTTOM-TOP cycles in a depth sequence. */
  static int cycles(double[] depth) {
    int count = 0;
    boolean reachedBottom = false;
    for (double d : depth) {
      Phase p = PhaseThresholds.of(d);
      if (p == Phase.TOP) {
        if (reachedBottom) {
          count++;
        }
        reachedBottom = false;
      } else {
        reachedBottom |= p == Phase.BOTTOM;
      }
    }
    return count;
  }

  /** Keypoint x (in frame heights, so both axes share a unit) and y per posed frame, low-score ones filled in. */
  private static double[][] coordinates(List<Optional<PoseInput>> frames, List<Integer> posed) {
    int dims = 2 * PoseInput.KEYPOINTS;
    double[][] x = new double[posed.size()][dims];
    double[] sum = new double[dims];
    int[] seen = new int[dims];
    for (int k = 0; k < posed.size(); k++) {
      PoseInput p = frames.get(posed.get(k)).orElseThrow();
      for (int j = 0; j < PoseInput.KEYPOINTS; j++) {
        float[] kp = p.keypoints()[j];
        if (kp[2] >= MIN_KEYPOINT_SCORE) {
          x[k][2 * j] = kp[0] * p.aspect();
          x[k][2 * j + 1] = kp[1];
          sum[2 * j] += x[k][2 * j];
          sum[2 * j + 1] += x[k][2 * j + 1];
          seen[2 * j]++;
          seen[2 * j + 1]++;
        } else {
          x[k][2 * j] = Double.NaN;
          x[k][2 * j + 1] = Double.NaN;
        }
      }
    }
    for (double[] row : x) {
      for (int d = 0; d < dims; d++) {
        double mean = seen[d] == 0 ? 0 : sum[d] / seen[d];
        row[d] = Double.isNaN(row[d]) ? 0 : row[d] - mean;
      }
    }
    return x;
  }

  /** Each row's coordinate along the first principal component of the centred rows. */
  private static double[] project(double[][] x) {
    int dims = x[0].length;
    double[][] cov = new double[dims][dims];
    for (double[] row : x) {
      for (int a = 0; a < dims; a++) {
        for (int b = 0; b < dims; b++) {
          cov[a][b] += row[a] * row[b];
        }
      }
    }
    double[] v = new double[dims];
    Arrays.fill(v, 1 / Math.sqrt(dims));
    for (int it = 0; it < POWER_ITERATIONS; it++) {
      double[] next = new double[dims];
      double norm = 0;
      for (int a = 0; a < dims; a++) {
        for (int b = 0; b < dims; b++) {
          next[a] += cov[a][b] * v[b];
        }
        norm += next[a] * next[a];
      }
      norm = Math.sqrt(norm);
      if (norm == 0) {
        break;
      }
      for (int a = 0; a < dims; a++) {
        v[a] = next[a] / norm;
      }
    }
    double[] out = new double[x.length];
    for (int k = 0; k < x.length; k++) {
      for (int d = 0; d < dims; d++) {
        out[k] += x[k][d] * v[d];
      }
    }
    return out;
  }

  private static double[] smooth(double[] s) {
    double[] out = new double[s.length];
    int half = SMOOTHING_FRAMES / 2;
    for (int k = 0; k < s.length; k++) {
      int from = Math.max(0, k - half);
      int to = Math.min(s.length - 1, k + half);
      double sum = 0;
      for (int i = from; i <= to; i++) {
        sum += s[i];
      }
      out[k] = sum / (to - from + 1);
    }
    return out;
  }

  /** 0 at the end of the movement where the clip starts and ends, 1 at the other, clamped. */
  private static double[] depth(double[] position) {
    double[] sorted = position.clone();
    Arrays.sort(sorted);
    double low = sorted[(int) (END_PERCENTILE * (sorted.length - 1))];
    double high = sorted[(int) Math.ceil((1 - END_PERCENTILE) * (sorted.length - 1))];
    int restFrames = Math.max(1, (int) (REST_SHARE * position.length));
    double[] rest = new double[2 * restFrames];
    for (int i = 0; i < restFrames; i++) {
      rest[i] = position[i];
      rest[restFrames + i] = position[position.length - 1 - i];
    }
    Arrays.sort(rest);
    double restPosition = rest[rest.length / 2];
    boolean restIsLow = Math.abs(restPosition - low) <= Math.abs(restPosition - high);
    double start = restIsLow ? low : high;
    double far = restIsLow ? high : low;
    double[] depth = new double[position.length];
    for (int k = 0; k < position.length; k++) {
      depth[k] = far == start ? 0 : Math.max(0, Math.min(1, (position[k] - start) / (far - start)));
    }
    return depth;
  }
}
