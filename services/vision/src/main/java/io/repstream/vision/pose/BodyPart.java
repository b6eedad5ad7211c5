package io.repstream.vision.pose;

/** The 17 COCO keypoints in MoveNet's output order. */
public enum BodyPart {
  NOSE,
  LEFT_EYE,
  RIGHT_EYE,
  LEFT_EAR,
  RIGHT_EAR,
  LEFT_SHOULDER,
  RIGHT_SHOULDER,
  LEFT_ELBOW,
  RIGHT_ELBOW,
  LEFT_WRIST,
  RIGHT_WRIST,
  LEFT_HIP,
  RIGHT_HIP,
  LEFT_KNEE,
  RIGHT_KNEE,
  LEFT_ANKLE,
  RIGHT_ANKLE;

  public static final int COUNT = values().length;

  /** The skeleton's bones as pairs of keypoint indices, as MoveNet's demos draw them. */
  private static final int[][] BONES = {{0, 1}, {0, 2}, {1, 3}, {2, 4}, {5, 6}, {5, 7}, {7, 9}, {6, 8}, {8, 10}, {5, 11},
      {6, 12}, {11, 12}, {11, 13}, {13, 15}, {12, 14}, {14, 16}};

  /** A copy of the bones (pairs of keypoint indices) for drawing a skeleton. */
  public static int[][] bones() {
    int[][] copy = new int[BONES.length][];
    for (int i = 0; i < BONES.length; i++) {
      copy[i] = BONES[i].clone();
    }
    return copy;
  }
}
