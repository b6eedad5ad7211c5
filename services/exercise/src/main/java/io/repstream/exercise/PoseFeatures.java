package io.repstream.exercise;

/**
 * Turns a pose into the model's input vector, so the same exercise looks the same wherever the student stands,
 * however big they appear and whichever way they face:
 * <ul>
 *   <li>positions relative to the hip centre, in units of torso length;
 *   <li>mirrored so the nose points to +x (a side view facing left or right gives the same vector), left and
 *       right joints swapped with it;
 *   <li>joint angles (elbows, shoulders, hips, knees) and limb directions relative to the image's vertical,
 *       as cosine and sine, which carry the exercise and phase without depending on body proportions;
 *   <li>each keypoint's score; a keypoint below {@link #MIN_SCORE} counts as missing and contributes zeros,
 *       so the model learns to live with occlusion.
 * </ul>
 * One frame cannot tell a squat's top from a curl's bottom (both are someone standing), so the model also
 * sees how each of these values moved over the last {@link MotionWindow#FRAMES} frames, and where in that
 * movement this frame is ({@link MotionWindow}).
 * {@link #VERSION} changes whenever the vector's meaning changes; a model records the version it was trained on
 * and is refused by code that does not compute it. Version 2 only appended values to version 1 (the distances
 * from the window's mean), so a version 1 model is fed the first {@link #size(int) size(1)} values and runs as
 * it always did.
 */
public final class PoseFeatures {
  /** The newest version this code computes (the trainer writes version 1 unless told otherwise). */
  public static final int VERSION = 2;
  /** The oldest version this code still computes. */
  public static final int OLDEST_VERSION = 1;
  public static final float MIN_SCORE = 0.2f;

  // MoveNet / COCO keypoint order.
  static final int NOSE = 0;
  static final int L_SHOULDER = 5, R_SHOULDER = 6, L_ELBOW = 7, R_ELBOW = 8, L_WRIST = 9, R_WRIST = 10;
  static final int L_HIP = 11, R_HIP = 12, L_KNEE = 13, R_KNEE = 14, L_ANKLE = 15, R_ANKLE = 16;
  /** Each keypoint's mirror image: eyes, ears, shoulders, ... swap left and right. */
  private static final int[] MIRROR = {0, 2, 1, 4, 3, 6, 5, 8, 7, 10, 9, 12, 11, 14, 13, 16, 15};
  /** Angles at a joint: {a, vertex, b}. */
  private static final int[][] ANGLES = {
      {L_SHOULDER, L_ELBOW, L_WRIST}, {R_SHOULDER, R_ELBOW, R_WRIST},
      {L_HIP, L_SHOULDER, L_ELBOW}, {R_HIP, R_SHOULDER, R_ELBOW},
      {L_SHOULDER, L_HIP, L_KNEE}, {R_SHOULDER, R_HIP, R_KNEE},
      {L_HIP, L_KNEE, L_ANKLE}, {R_HIP, R_KNEE, R_ANKLE}};
  /** Limb segments {from, to}; the torso is handled separately from the shoulder and hip centres. */
  private static final int[][] LIMBS = {
      {L_SHOULDER, L_ELBOW}, {R_SHOULDER, R_ELBOW}, {L_ELBOW, L_WRIST}, {R_ELBOW, R_WRIST},
      {L_HIP, L_KNEE}, {R_HIP, R_KNEE}, {L_KNEE, L_ANKLE}, {R_KNEE, R_ANKLE}};
  /** Torso lengths shorter than this (in frame heights) are noise; fall back to the body's extent. */
  private static final float MIN_SCALE = 1e-3f;

  /** Values describing one frame. */
  public static final int FRAME_SIZE = PoseInput.KEYPOINTS * 2 + PoseInput.KEYPOINTS + ANGLES.length * 2 + (LIMBS.length + 1) * 2;
  /**
   * The input of a {@link #VERSION} model: one frame's values, their mean and spread over the motion window, and
   * the frame's distance from that mean. Every {@link FeatureVector} holds this many.
   */
  public static final int SIZE = 4 * FRAME_SIZE;

  private PoseFeatures() {}

  /** Whether this code computes the input of a model trained on features of {@code version}. */
  public static boolean understands(int version) {
    return version >= OLDEST_VERSION && version <= VERSION;
  }

  /** {@code version} if this code computes it; otherwise an exception that names the versions it does compute. */
  public static int requireComputed(int version) {
    if (!understands(version)) {
      throw new IllegalArgumentException("pose features version " + version + " is not computed here (versions "
          + OLDEST_VERSION + " to " + VERSION + " are)");
    }
    return version;
  }

  /** How many of a feature vector's leading values a model of {@code version} takes. */
  public static int size(int version) {
    return requireComputed(version) == 1 ? 3 * FRAME_SIZE : SIZE;
  }

  /** The values of one frame ({@link #FRAME_SIZE} of them); {@link MotionWindow} adds the motion. */
  public static float[] of(PoseInput pose) {
    int n = PoseInput.KEYPOINTS;
    float[] x = new float[n];
    float[] y = new float[n];
    float[] s = new float[n];
    boolean[] seen = new boolean[n];
    for (int i = 0; i < n; i++) {
      float[] k = pose.keypoints()[i];
      x[i] = k[0] * pose.aspect();
      y[i] = k[1];
      s[i] = Math.max(0f, Math.min(1f, k[2]));
      seen[i] = k[2] >= MIN_SCORE && Float.isFinite(k[0]) && Float.isFinite(k[1]);
    }
    float[] shoulders = centre(x, y, seen, L_SHOULDER, R_SHOULDER);
    float[] hips = centre(x, y, seen, L_HIP, R_HIP);
    float[] centre = hips != null ? hips : shoulders != null ? shoulders : centreOfAll(x, y, seen);
    if (shoulders != null && seen[NOSE] && x[NOSE] < shoulders[0]) {
      mirror(x, y, s, seen);
      shoulders = centre(x, y, seen, L_SHOULDER, R_SHOULDER);
      hips = centre(x, y, seen, L_HIP, R_HIP);
      centre = hips != null ? hips : shoulders != null ? shoulders : centreOfAll(x, y, seen);
    }
    float scale = scale(x, y, seen, shoulders, hips);

    float[] f = new float[FRAME_SIZE];
    int o = 0;
    for (int i = 0; i < n; i++) {
      if (seen[i] && centre != null) {
        f[o] = (x[i] - centre[0]) / scale;
        f[o + 1] = (y[i] - centre[1]) / scale;
      }
      o += 2;
    }
    for (int i = 0; i < n; i++) {
      f[o++] = seen[i] ? s[i] : 0f;
    }
    for (int[] a : ANGLES) {
      if (seen[a[0]] && seen[a[1]] && seen[a[2]]) {
        double u = Math.atan2(y[a[0]] - y[a[1]], x[a[0]] - x[a[1]]);
        double v = Math.atan2(y[a[2]] - y[a[1]], x[a[2]] - x[a[1]]);
        f[o] = (float) Math.cos(v - u);
        f[o + 1] = (float) Math.sin(v - u);
      }
      o += 2;
    }
    o = direction(f, o, shoulders, hips);
    for (int[] l : LIMBS) {
      o = direction(f, o, seen[l[0]] ? new float[] {x[l[0]], y[l[0]]} : null, seen[l[1]] ? new float[] {x[l[1]], y[l[1]]} : null);
    }
    return f;
  }

  /** Unit direction from {@code a} to {@code b} in image coordinates (y down), or zeros when either is missing. */
  private static int direction(float[] f, int o, float[] a, float[] b) {
    if (a != null && b != null) {
      double dx = b[0] - a[0];
      double dy = b[1] - a[1];
      double len = Math.hypot(dx, dy);
      if (len > MIN_SCALE) {
        f[o] = (float) (dx / len);
        f[o + 1] = (float) (dy / len);
      }
    }
    return o + 2;
  }

  private static float[] centre(float[] x, float[] y, boolean[] seen, int a, int b) {
    if (seen[a] && seen[b]) {
      return new float[] {(x[a] + x[b]) / 2, (y[a] + y[b]) / 2};
    }
    if (seen[a]) {
      return new float[] {x[a], y[a]};
    }
    return seen[b] ? new float[] {x[b], y[b]} : null;
  }

  private static float[] centreOfAll(float[] x, float[] y, boolean[] seen) {
    float sx = 0;
    float sy = 0;
    int count = 0;
    for (int i = 0; i < x.length; i++) {
      if (seen[i]) {
        sx += x[i];
        sy += y[i];
        count++;
      }
    }
    return count == 0 ? null : new float[] {sx / count, sy / count};
  }

  /** Torso length, or half the body's extent when the torso is not visible or foreshortened to nothing. */
  private static float scale(float[] x, float[] y, boolean[] seen, float[] shoulders, float[] hips) {
    float torso = shoulders != null && hips != null ? (float) Math.hypot(shoulders[0] - hips[0], shoulders[1] - hips[1]) : 0f;
    float minX = Float.MAX_VALUE, maxX = -Float.MAX_VALUE, minY = Float.MAX_VALUE, maxY = -Float.MAX_VALUE;
    for (int i = 0; i < x.length; i++) {
      if (seen[i]) {
        minX = Math.min(minX, x[i]);
        maxX = Math.max(maxX, x[i]);
        minY = Math.min(minY, y[i]);
        maxY = Math.max(maxY, y[i]);
      }
    }
    float extent = minX == Float.MAX_VALUE ? 0f : Math.max(maxX - minX, maxY - minY) / 2;
    // A torso seen end-on (push-up from the front) is short; never let it blow the scale up past the body's size.
    return Math.max(Math.max(torso, extent / 2), MIN_SCALE);
  }

  private static void mirror(float[] x, float[] y, float[] s, boolean[] seen) {
    float[] mx = x.clone();
    float[] my = y.clone();
    float[] ms = s.clone();
    boolean[] mseen = seen.clone();
    for (int i = 0; i < x.length; i++) {
      int j = MIRROR[i];
      x[i] = -mx[j];
      y[i] = my[j];
      s[i] = ms[j];
      seen[i] = mseen[j];
    }
  }
}
