package io.repstream.vision.pose;

import java.util.List;

/**
 * The crop a single-person MoveNet model should use for one participant's next frame, following MoveNet's own
 * guidance: centre a square on the hips, large enough for the torso (x1.9) and every confident joint (x1.2); fall
 * back to the whole frame when the torso is not visible or the crop would be larger than the frame. A small person
 * in a wide frame thus fills the model's input from the second frame on. One tracker per participant; not
 * thread-safe.
 */
public final class PersonCropTracker {
  /** A joint below this score does not steer the crop (MoveNet's MIN_CROP_KEYPOINT_SCORE). */
  static final double MIN_CROP_KEYPOINT_SCORE = 0.2;
  /** Half-crop size as multiples of the torso's and the whole body's extent from the hip centre. */
  static final double TORSO_EXPANSION = 1.9;
  static final double BODY_EXPANSION = 1.2;

  private static final List<BodyPart> TORSO =
      List.of(BodyPart.LEFT_SHOULDER, BodyPart.RIGHT_SHOULDER, BodyPart.LEFT_HIP, BodyPart.RIGHT_HIP);

  /** Squares across the frame's long side in each row of the search: see {@link #searchCrop}. */
  static final int SEARCH_COLUMNS = 3;
  /** Side of the smaller search squares, as a share of the frame's short side; they lie in two rows. */
  static final double SMALL_SEARCH_SIDE = 0.6;
  static final int SEARCH_POSITIONS = 1 + SEARCH_COLUMNS + 2 * SEARCH_COLUMNS;

  private CropRegion crop;
  private int searchStep;
  private int width;
  private int height;

  /** The crop for the next frame of this size: the tracked one, or the whole frame if the size changed. */
  public CropRegion cropFor(int imageWidth, int imageHeight) {
    if (crop == null || imageWidth != width || imageHeight != height) {
      width = imageWidth;
      height = imageHeight;
      crop = CropRegion.fullFrame(imageWidth, imageHeight);
    }
    return crop;
  }

  /**
   * Moves the crop to follow the best of the poses reported for the last frame, or back to the whole frame when none
   * was. {@link PoseEstimator#estimateTracked} does better: it follows even a pose too faint to report.
   */
  public void update(List<Pose> poses, int imageWidth, int imageHeight) {
    if (poses.isEmpty()) {
      width = imageWidth;
      height = imageHeight;
      crop = CropRegion.fullFrame(imageWidth, imageHeight);
      return;
    }
    Pose best = poses.get(0);
    for (Pose p : poses) {
      if (p.score() > best.score()) {
        best = p;
      }
    }
    follow(best, imageWidth, imageHeight);
  }

  /**
   * Moves the crop to follow the pose the model placed in the last frame (source pixels), whatever its overall
   * score; with no torso in sight the next crop is the whole frame again.
   */
  public void follow(Pose pose, int imageWidth, int imageHeight) {
    width = imageWidth;
    height = imageHeight;
    if (torsoVisible(pose)) {
      searchStep = 0;
      crop = next(pose, imageWidth, imageHeight);
    } else {
      crop = searchCrop(searchStep++, imageWidth, imageHeight);
    }
  }

  /**
   * Where to look for a person not found in the last frame, one place per frame: the whole frame first; then squares
   * as tall as a wide frame (as wide as a tall one) at its start, middle and end; then smaller squares in two rows
   * across it. A small or dimly lit person whom the model misses when the whole frame is squeezed into its input
   * often fills enough of one of those to be found, and from then on the crop follows them.
   */
  static CropRegion searchCrop(int step, int w, int h) {
    int position = step % SEARCH_POSITIONS;
    if (position == 0 || w == h) {
      return CropRegion.fullFrame(w, h);
    }
    boolean small = position > SEARCH_COLUMNS;
    int index = small ? position - SEARCH_COLUMNS - 1 : position - 1;
    double scale = small ? SMALL_SEARCH_SIDE : 1;
    double across = (index % SEARCH_COLUMNS) / (SEARCH_COLUMNS - 1.0);
    double along = small ? (double) (index / SEARCH_COLUMNS) : 0;
    double shortSide = Math.min(w, h);
    double sideX = scale * shortSide / w;
    double sideY = scale * shortSide / h;
    double xMin = (w > h ? across : along) * (1 - sideX);
    double yMin = (w > h ? along : across) * (1 - sideY);
    return new CropRegion(yMin, xMin, yMin + sideY, xMin + sideX);
  }

  static CropRegion next(Pose pose, int w, int h) {
    if (!torsoVisible(pose)) {
      return CropRegion.fullFrame(w, h);
    }
    Keypoint leftHip = pose.keypoint(BodyPart.LEFT_HIP);
    Keypoint rightHip = pose.keypoint(BodyPart.RIGHT_HIP);
    double centerX = (leftHip.x() + rightHip.x()) / 2;
    double centerY = (leftHip.y() + rightHip.y()) / 2;
    double torsoX = 0;
    double torsoY = 0;
    for (BodyPart part : TORSO) {
      Keypoint k = pose.keypoint(part);
      torsoX = Math.max(torsoX, Math.abs(centerX - k.x()));
      torsoY = Math.max(torsoY, Math.abs(centerY - k.y()));
    }
    double bodyX = 0;
    double bodyY = 0;
    for (Keypoint k : pose.keypoints()) {
      if (k.score() >= MIN_CROP_KEYPOINT_SCORE) {
        bodyX = Math.max(bodyX, Math.abs(centerX - k.x()));
        bodyY = Math.max(bodyY, Math.abs(centerY - k.y()));
      }
    }
    double half = Math.max(Math.max(torsoX * TORSO_EXPANSION, torsoY * TORSO_EXPANSION),
        Math.max(bodyX * BODY_EXPANSION, bodyY * BODY_EXPANSION));
    half = Math.min(half, Math.max(Math.max(centerX, w - centerX), Math.max(centerY, h - centerY)));
    if (half <= 0 || half > Math.max(w, h) / 2.0) {
      return CropRegion.fullFrame(w, h);
    }
    return new CropRegion((centerY - half) / h, (centerX - half) / w, (centerY + half) / h, (centerX + half) / w);
  }

  private static boolean torsoVisible(Pose pose) {
    return (pose.keypoint(BodyPart.LEFT_HIP).score() > MIN_CROP_KEYPOINT_SCORE
        || pose.keypoint(BodyPart.RIGHT_HIP).score() > MIN_CROP_KEYPOINT_SCORE)
        && (pose.keypoint(BodyPart.LEFT_SHOULDER).score() > MIN_CROP_KEYPOINT_SCORE
        || pose.keypoint(BodyPart.RIGHT_SHOULDER).score() > MIN_CROP_KEYPOINT_SCORE);
  }
}
