package io.repstream.counter.counting;

import io.repstream.schemas.Box;
import io.repstream.schemas.Keypoint;
import io.repstream.schemas.Pose;
import java.util.List;

/** Reads a pose as numbers: keypoint coordinates as one flat vector, and the body's size to scale them by. */
public final class BodyPoint {
  /** MoveNet's COCO skeleton. */
  public static final int KEYPOINTS = 17;
  public static final int DIMENSIONS = 2 * KEYPOINTS;
  /** Below this a box height is degenerate; scaling by it would blow noise up. */
  private static final double MIN_BODY_HEIGHT = 0.02;

  private BodyPoint() {}

  /** x0, y0, x1, y1, ... in frame units; null when the pose does not have the 17 keypoints of the skeleton. */
  public static float[] coordinates(Pose pose) {
    List<Keypoint> kps = pose.getKeypoints();
    if (kps == null || kps.size() != KEYPOINTS) {
      return null;
    }
    float[] v = new float[DIMENSIONS];
    for (int i = 0; i < KEYPOINTS; i++) {
      v[2 * i] = kps.get(i).getX();
      v[2 * i + 1] = kps.get(i).getY();
    }
    return v;
  }

  /** The body's height in frame units (its box), floored so a collapsed box cannot divide by zero. */
  public static float height(Pose pose) {
    Box b = pose.getBox();
    double h = b == null ? 0 : b.getYMax() - b.getYMin();
    return (float) Math.max(MIN_BODY_HEIGHT, Math.abs(h));
  }
}
