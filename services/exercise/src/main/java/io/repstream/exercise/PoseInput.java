package io.repstream.exercise;

import io.repstream.vision.pose.Keypoint;
import io.repstream.vision.pose.Pose;

/**
 * One frame's pose as the model takes it: 17 COCO keypoints in MoveNet order, each {x, y, score} with x and y
 * normalised to the frame (0..1), and the frame's width/height ratio, since normalised x and y are not in
 * the same unit.
 */
public record PoseInput(float[][] keypoints, float aspect) {
  public static final int KEYPOINTS = 17;

  /** The pose engine's pose (source pixels) in an image of this size, normalised to it. */
  public static PoseInput of(Pose pose, int imageWidth, int imageHeight) {
    float[][] k = new float[pose.keypoints().size()][];
    for (int i = 0; i < k.length; i++) {
      Keypoint kp = pose.keypoints().get(i);
      k[i] = new float[] {(float) (kp.x() / imageWidth), (float) (kp.y() / imageHeight), (float) kp.score()};
    }
    return new PoseInput(k, (float) imageWidth / imageHeight);
  }

  public PoseInput {
    if (keypoints.length != KEYPOINTS) {
      throw new IllegalArgumentException("a pose has " + KEYPOINTS + " keypoints, got " + keypoints.length);
    }
    for (float[] k : keypoints) {
      if (k.length != 3) {
        throw new IllegalArgumentException("each keypoint is {x, y, score}, got " + k.length + " values");
      }
    }
    if (!(aspect > 0 && Float.isFinite(aspect))) {
      throw new IllegalArgumentException("frame aspect ratio must be positive, got " + aspect);
    }
  }
}
