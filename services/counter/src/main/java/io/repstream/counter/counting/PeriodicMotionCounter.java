package io.repstream.counter.counting;

import io.repstream.counter.catalogue.ExerciseCatalogue;
import io.repstream.schemas.CountMethod;
import io.repstream.schemas.Pose;
import io.repstream.schemas.RepKind;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Counts cycles of periodic body motion when no exercise is recognised. Over a sliding window of poses it finds
 * the main direction of keypoint motion (the first principal component of the keypoint coordinates), projects
 * each new pose on it in units of body height, and counts a cycle each time that signal leaves one extreme of
 * the window's range, reaches the other and comes back. Thresholds adapt to the window's range, so large and
 * small movements both count; a range below the minimum amplitude is stillness, not motion.
 */
public final class PeriodicMotionCounter {
  private static final int NONE = 0;
  private static final int LOW = 1;
  private static final int HIGH = 2;
  private static final long NO_TIME = Long.MIN_VALUE;
  /** Power iterations per frame; warm-started from the last component, a few suffice for it to follow. */
  private static final int POWER_ITERATIONS = 8;
  /** Frames needed before a component means anything. */
  private static final int MIN_FRAMES = 8;
  private static final double EPSILON = 1e-12;
  /** Longest run of poses that can be a glitch of the pose engine rather than movement (0.3 s at 10 fps). */
  private static final int MAX_GLITCH_FRAMES = 3;
  /** The distance from the window's median pose that most samples keep: this share of them is nearer. */
  private static final double USUAL_DISTANCE_PERCENTILE = 0.5;
  /** Keypoint scores are stored in a byte each: steps of 1/255 are far finer than any threshold on them. */
  private static final int SCORE_STEPS = 255;
  /** Stored size of one sample: time, body height, coordinates, keypoint scores. */
  private static final int SAMPLE_BYTES = Long.BYTES + Float.BYTES + BodyPoint.DIMENSIONS * Float.BYTES + BodyPoint.KEYPOINTS;

  private final long windowMillis;
  private final double minAmplitude;
  private final double hysteresis;
  private final double rangeTrim;
  private final double glitchFactor;
  private final double minKeypointScore;
  private final long minCycle;
  private final long maxCycle;

  /**
   * Samples in their stored form (time, body height, coordinates): the window is rewritten to the store with every
   * frame but only read as numbers while cycles are being counted, so it is kept as bytes.
   */
  private final Deque<byte[]> window = new ArrayDeque<>();
  private double[] component;
  private int level = NONE;
  private int startLevel = NONE;
  private long cycleStart = NO_TIME;
  private double cycleMin = Double.POSITIVE_INFINITY;
  private double cycleMax = Double.NEGATIVE_INFINITY;
  private double explainedSum;
  private int cycleFrames;
  /** The first cycle of a bout, held back until a second one shows the motion is periodic. */
  private Repetition pending;
  /** Whether the current bout has shown two cycles in a row. */
  private boolean periodic;

  private record Sample(long time, float height, float[] coords, byte[] scores) {
    static Sample of(byte[] bytes) {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      long time = b.getLong();
      float height = b.getFloat();
      float[] coords = new float[BodyPoint.DIMENSIONS];
      for (int i = 0; i < coords.length; i++) {
        coords[i] = b.getFloat();
      }
      byte[] scores = new byte[BodyPoint.KEYPOINTS];
      b.get(scores);
      return new Sample(time, height, coords, scores);
    }

    double score(int keypoint) {
      return Byte.toUnsignedInt(scores[keypoint]) / (double) SCORE_STEPS;
    }
  }

  /**
   * @param rangeTrim share of the window's samples left out at each end when measuring its range (0 to below 0.5)
   * @param glitchFactor how many times the window's median distance from its median pose makes a short run of poses a
   *     glitch of the pose engine (see {@link #glitches})
   * @param minKeypointScore a joint whose mean score over the window is lower takes no part
   */
  public PeriodicMotionCounter(long windowMillis, double minAmplitude, double hysteresis, double rangeTrim,
      double glitchFactor, double minKeypointScore, long minCycleMillis, long maxCycleMillis) {
    if (!(rangeTrim >= 0 && rangeTrim < 0.5)) {
      throw new IllegalArgumentException("range trim must be at least 0 and below 0.5, got " + rangeTrim);
    }
    this.windowMillis = windowMillis;
    this.minAmplitude = minAmplitude;
    this.hysteresis = hysteresis;
    this.rangeTrim = rangeTrim;
    this.glitchFactor = glitchFactor;
    this.minKeypointScore = minKeypointScore;
    this.minCycle = minCycleMillis;
    this.maxCycle = maxCycleMillis;
  }

  /** Remembers a visible pose; the window is kept whether or not cycles are being counted, so counting starts warm. */
  public void add(Pose pose, long time) {
    float[] coords = BodyPoint.coordinates(pose);
    if (coords == null) {
      return;
    }
    float height = BodyPoint.height(pose);
    ByteBuffer b = ByteBuffer.allocate(SAMPLE_BYTES).putLong(time).putFloat(height);
    for (float c : coords) {
      b.putFloat(c);
    }
    for (int k = 0; k < BodyPoint.KEYPOINTS; k++) {
      b.put((byte) Math.round(Math.max(0, Math.min(1, pose.getKeypoints().get(k).getScore())) * SCORE_STEPS));
    }
    window.addLast(b.array());
    while (!window.isEmpty() && ByteBuffer.wrap(window.peekFirst()).getLong(0) < time - windowMillis) {
      window.removeFirst();
    }
  }

  /**
   * Looks at the newest pose in the window; returns the cycles it confirmed. A bout of motion counts only once it
   * has shown two cycles in a row, so one stray movement (reaching for a bottle) is never a rep: the first cycle
   * is held back and returned together with the second.
   */
  public List<Repetition> detect() {
    if (window.size() < MIN_FRAMES) {
      return List.of();
    }
    List<Sample> all = new ArrayList<>(window.size());
    for (byte[] bytes : window) {
      all.add(Sample.of(bytes));
    }
    all = withoutUnsureJoints(all);
    boolean[] glitch = glitches(all);
    if (glitch[all.size() - 1]) {
      // The newest pose may be the engine misplacing the body; the next frames will tell.
      return List.of();
    }
    List<Sample> samples = new ArrayList<>(all.size());
    for (int i = 0; i < all.size(); i++) {
      if (!glitch[i]) {
        samples.add(all.get(i));
      }
    }
    double[] mean = mean(samples);
    double[][] cov = covariance(samples, mean);
    double explained = updateComponent(cov);
    double scale = meanHeight(samples);
    double[] projected = new double[samples.size()];
    for (int i = 0; i < projected.length; i++) {
      projected[i] = project(samples.get(i), mean, scale);
    }
    // The range is measured between percentiles, not from the extremes: one big movement in the window (jumping
    // up to the bar, sitting down) would otherwise widen the thresholds past every rep around it.
    double[] sorted = projected.clone();
    Arrays.sort(sorted);
    int cut = (int) (sorted.length * rangeTrim);
    double min = sorted[cut];
    double max = sorted[sorted.length - 1 - cut];
    Sample newest = samples.get(samples.size() - 1);
    double signal = projected[projected.length - 1];
    double range = max - min;
    if (range < minAmplitude) {
      disarm();
      return List.of();
    }
    double mid = (max + min) / 2;
    double high = mid + hysteresis * range;
    double low = mid - hysteresis * range;
    cycleMin = Math.min(cycleMin, signal);
    cycleMax = Math.max(cycleMax, signal);
    explainedSum += explained;
    cycleFrames++;
    int now = signal >= high ? HIGH : signal <= low ? LOW : NONE;
    if (now == NONE || now == level) {
      return List.of();
    }
    level = now;
    if (startLevel == NONE) {
      int rest = now == HIGH ? LOW : HIGH;
      int from = lastSampleAt(projected, rest, high, low);
      if (from >= 0) {
        // The body left the other extreme before the window's range was wide enough to call it one (motion
        // starting from stillness): the cycle began there, or every bout would lose its first rep.
        startLevel = rest;
        startCycle(samples.get(from).time, projected[from]);
        for (int i = from + 1; i < projected.length; i++) {
          cycleMin = Math.min(cycleMin, projected[i]);
          cycleMax = Math.max(cycleMax, projected[i]);
          explainedSum += explained;
          cycleFrames++;
        }
        return List.of();
      }
      startLevel = now;
      startCycle(newest.time, signal);
      return List.of();
    }
    if (now != startLevel) {
      return List.of();
    }
    long duration = newest.time - cycleStart;
    List<Repetition> confirmed = List.of();
    if (duration >= minCycle && duration <= maxCycle) {
      double rom = Math.min(1.0, (cycleMax - cycleMin) / range);
      Repetition rep = new Repetition(RepKind.COUNTED, CountMethod.PERIODIC_MOTION, ExerciseCatalogue.UNRECOGNISED,
          cycleStart, newest.time, rom, explainedSum / cycleFrames);
      if (periodic) {
        confirmed = List.of(rep);
      } else if (pending != null) {
        confirmed = List.of(pending, rep);
        pending = null;
        periodic = true;
      } else {
        pending = rep;
      }
    } else {
      // A cycle too fast or too slow breaks the rhythm: what follows has to prove itself periodic again.
      pending = null;
      periodic = false;
    }
    startCycle(newest.time, signal);
    return confirmed;
  }

  /**
   * Which samples are glitches: the pose engine now and then places the whole body elsewhere for a frame or a few
   * (a lying person read upside down), every joint jumping at once. Left in, such frames dominate the main component
   * and each one reads as a rep there and back. A glitch is far from the window's usual pose (its distance from the
   * joint-wise median more than {@code glitchFactor} times the distance most samples keep) for at most
   * {@link #MAX_GLITCH_FRAMES} frames in a row; a longer excursion is the body really moving, such as the first rep
   * after standing still, and counts in full once it has lasted that long.
   */
  private boolean[] glitches(List<Sample> samples) {
    int n = samples.size();
    float[] median = new float[BodyPoint.DIMENSIONS];
    float[] column = new float[n];
    for (int d = 0; d < median.length; d++) {
      for (int i = 0; i < n; i++) {
        column[i] = samples.get(i).coords[d];
      }
      Arrays.sort(column);
      median[d] = column[n / 2];
    }
    double[] distance = new double[n];
    for (int i = 0; i < n; i++) {
      Sample s = samples.get(i);
      double sum = 0;
      for (int k = 0; k < BodyPoint.KEYPOINTS; k++) {
        sum += Math.hypot(s.coords[2 * k] - median[2 * k], s.coords[2 * k + 1] - median[2 * k + 1]);
      }
      distance[i] = sum / BodyPoint.KEYPOINTS / s.height;
    }
    double[] sorted = distance.clone();
    Arrays.sort(sorted);
    double far = glitchFactor * sorted[(int) (n * USUAL_DISTANCE_PERCENTILE)];
    boolean[] glitch = new boolean[n];
    int runStart = -1;
    for (int i = 0; i <= n; i++) {
      boolean isFar = i < n && distance[i] > far;
      if (isFar && runStart < 0) {
        runStart = i;
      } else if (!isFar && runStart >= 0) {
        if (i - runStart <= MAX_GLITCH_FRAMES) {
          Arrays.fill(glitch, runStart, i, true);
        }
        runStart = -1;
      }
    }
    return glitch;
  }

  /**
   * The window's samples with every joint the pose engine was unsure of over the window (mean score below the
   * minimum) held at its mean, so it takes no part in the main component. Such joints (feet out of the frame, a
   * hidden face) wander by a large share of the frame from one pose to the next; left in, that noise outweighs the
   * real movement of the joints that are seen.
   */
  private List<Sample> withoutUnsureJoints(List<Sample> samples) {
    boolean[] unsure = new boolean[BodyPoint.KEYPOINTS];
    boolean any = false;
    for (int k = 0; k < unsure.length; k++) {
      double sum = 0;
      for (Sample s : samples) {
        sum += s.score(k);
      }
      unsure[k] = sum / samples.size() < minKeypointScore;
      any |= unsure[k];
    }
    if (!any) {
      return samples;
    }
    double[] mean = mean(samples);
    List<Sample> out = new ArrayList<>(samples.size());
    for (Sample s : samples) {
      float[] coords = s.coords.clone();
      for (int k = 0; k < unsure.length; k++) {
        if (unsure[k]) {
          coords[2 * k] = (float) mean[2 * k];
          coords[2 * k + 1] = (float) mean[2 * k + 1];
        }
      }
      out.add(new Sample(s.time, s.height, coords, s.scores));
    }
    return out;
  }

  /** Index of the newest projected sample at the given extreme of the current thresholds, or -1. */
  private static int lastSampleAt(double[] projected, int extreme, double high, double low) {
    for (int i = projected.length - 1; i >= 0; i--) {
      double p = projected[i];
      if (extreme == HIGH ? p >= high : p <= low) {
        return i;
      }
    }
    return -1;
  }

  private void startCycle(long time, double signal) {
    cycleStart = time;
    cycleMin = signal;
    cycleMax = signal;
    explainedSum = 0;
    cycleFrames = 0;
  }

  /** Stops counting (an exercise is recognised again, or the body stopped): the next motion starts a fresh cycle. */
  public void disarm() {
    pending = null;
    periodic = false;
    level = NONE;
    startLevel = NONE;
    cycleStart = NO_TIME;
  }

  private static double[] mean(List<Sample> samples) {
    double[] m = new double[BodyPoint.DIMENSIONS];
    for (Sample s : samples) {
      for (int i = 0; i < m.length; i++) {
        m[i] += s.coords[i];
      }
    }
    for (int i = 0; i < m.length; i++) {
      m[i] /= samples.size();
    }
    return m;
  }

  private static double[][] covariance(List<Sample> samples, double[] mean) {
    int d = mean.length;
    double[][] c = new double[d][d];
    double[] x = new double[d];
    for (Sample s : samples) {
      for (int i = 0; i < d; i++) {
        x[i] = s.coords[i] - mean[i];
      }
      for (int i = 0; i < d; i++) {
        for (int j = i; j < d; j++) {
          c[i][j] += x[i] * x[j];
        }
      }
    }
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < i; j++) {
        c[i][j] = c[j][i];
      }
    }
    return c;
  }

  /** Power iteration towards the main component; returns the share of motion it explains (0..1). */
  private double updateComponent(double[][] cov) {
    int d = cov.length;
    double[] v = component != null ? component.clone() : initial(cov);
    double eigen = 0;
    for (int it = 0; it < POWER_ITERATIONS; it++) {
      double[] next = new double[d];
      for (int i = 0; i < d; i++) {
        double sum = 0;
        for (int j = 0; j < d; j++) {
          sum += cov[i][j] * v[j];
        }
        next[i] = sum;
      }
      double norm = Math.sqrt(dot(next, next));
      if (norm < EPSILON) {
        return 0;
      }
      eigen = norm;
      for (int i = 0; i < d; i++) {
        next[i] /= norm;
      }
      v = next;
    }
    // The sign of an eigenvector is arbitrary: keep it pointing the way it did, or the signal would flip over.
    if (component != null && dot(v, component) < 0) {
      for (int i = 0; i < d; i++) {
        v[i] = -v[i];
      }
    }
    component = v;
    double trace = 0;
    for (int i = 0; i < d; i++) {
      trace += cov[i][i];
    }
    return trace < EPSILON ? 0 : Math.min(1.0, eigen / trace);
  }

  /** Starts the iteration from the coordinate that varies most, which cannot be orthogonal to the main component. */
  private static double[] initial(double[][] cov) {
    double[] v = new double[cov.length];
    int best = 0;
    for (int i = 1; i < cov.length; i++) {
      if (cov[i][i] > cov[best][best]) {
        best = i;
      }
    }
    v[best] = 1;
    return v;
  }

  private double project(Sample s, double[] mean, double scale) {
    double p = 0;
    for (int i = 0; i < mean.length; i++) {
      p += (s.coords[i] - mean[i]) * component[i];
    }
    return p / scale;
  }

  private static double meanHeight(List<Sample> samples) {
    double sum = 0;
    for (Sample s : samples) {
      sum += s.height;
    }
    return sum / samples.size();
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  public void write(DataOutput out) throws IOException {
    out.writeInt(window.size());
    for (byte[] sample : window) {
      out.write(sample);
    }
    out.writeBoolean(component != null);
    if (component != null) {
      for (double c : component) {
        out.writeDouble(c);
      }
    }
    out.writeByte(level);
    out.writeByte(startLevel);
    out.writeLong(cycleStart);
    out.writeDouble(cycleMin);
    out.writeDouble(cycleMax);
    out.writeDouble(explainedSum);
    out.writeInt(cycleFrames);
    out.writeBoolean(periodic);
    out.writeBoolean(pending != null);
    if (pending != null) {
      out.writeLong(pending.startTime());
      out.writeLong(pending.endTime());
      out.writeDouble(pending.rangeOfMotion());
      out.writeDouble(pending.confidence());
    }
  }

  public void read(DataInput in) throws IOException {
    window.clear();
    int n = in.readInt();
    for (int k = 0; k < n; k++) {
      byte[] sample = new byte[SAMPLE_BYTES];
      in.readFully(sample);
      window.addLast(sample);
    }
    if (in.readBoolean()) {
      component = new double[BodyPoint.DIMENSIONS];
      for (int i = 0; i < component.length; i++) {
        component[i] = in.readDouble();
      }
    } else {
      component = null;
    }
    level = in.readByte();
    startLevel = in.readByte();
    cycleStart = in.readLong();
    cycleMin = in.readDouble();
    cycleMax = in.readDouble();
    explainedSum = in.readDouble();
    cycleFrames = in.readInt();
    periodic = in.readBoolean();
    pending = in.readBoolean()
        ? new Repetition(RepKind.COUNTED, CountMethod.PERIODIC_MOTION, ExerciseCatalogue.UNRECOGNISED, in.readLong(),
            in.readLong(), in.readDouble(), in.readDouble())
        : null;
  }
}
