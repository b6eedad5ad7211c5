package io.repstream.vision.pose;

import java.util.ArrayList;
import java.util.List;

/**
 * One person: 17 keypoints in {@link BodyPart} order and a bounding box, all in source-image pixels, and an overall
 * score (0..1).
 */
public record Pose(List<Keypoint> keypoints, Box box, double score) {
  public Pose {
    keypoints = List.copyOf(keypoints);
    if (keypoints.size() != BodyPart.COUNT) {
      throw new IllegalArgumentException("a pose has " + BodyPart.COUNT + " keypoints, got " + keypoints.size());
    }
  }

  /** An axis-aligned box in source-image pixels. */
  public record Box(double xMin, double yMin, double xMax, double yMax) {}

  public Keypoint keypoint(BodyPart part) {
    return keypoints.get(part.ordinal());
  }

  /** This pose in the pipeline's record form, normalised to an image of the given size. */
  public io.repstream.schemas.Pose toRecord(int imageWidth, int imageHeight) {
    List<io.repstream.schemas.Keypoint> kps = new ArrayList<>();
    for (Keypoint k : keypoints) {
      kps.add(new io.repstream.schemas.Keypoint((float) (k.x() / imageWidth), (float) (k.y() / imageHeight),
          (float) k.score()));
    }
    io.repstream.schemas.Box b = new io.repstream.schemas.Box((float) (box.xMin() / imageWidth),
        (float) (box.yMin() / imageHeight), (float) (box.xMax() / imageWidth), (float) (box.yMax() / imageHeight));
    return new io.repstream.schemas.Pose(b, (float) score, kps);
  }
}
