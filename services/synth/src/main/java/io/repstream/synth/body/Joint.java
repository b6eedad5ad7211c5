package io.repstream.synth.body;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The points of the mannequin. The first 17 are the COCO keypoints in MoveNet's order; the rest are what the
 * renderer needs to draw a body (neck, pelvis, head centre, hands, feet).
 */
public enum Joint {
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
  RIGHT_ANKLE,
  NECK,
  PELVIS,
  HEAD_CENTER,
  LEFT_HAND,
  RIGHT_HAND,
  LEFT_HEEL,
  RIGHT_HEEL,
  LEFT_TOE,
  RIGHT_TOE;

  /** How many COCO keypoints there are; they are the first joints of this enum. */
  public static final int COCO_COUNT = 17;

  private static final List<Joint> COCO = Collections.unmodifiableList(new ArrayList<>(List.of(values()).subList(0, COCO_COUNT)));

  public static List<Joint> coco() {
    return COCO;
  }

  public boolean isCoco() {
    return ordinal() < COCO_COUNT;
  }

  public boolean isLeft() {
    return name().startsWith("LEFT_");
  }

  /** The same joint on the other side of the body, or this joint for those on the midline. */
  public Joint mirror() {
    if (name().startsWith("LEFT_")) {
      return valueOf("RIGHT_" + name().substring(5));
    }
    if (name().startsWith("RIGHT_")) {
      return valueOf("LEFT_" + name().substring(6));
    }
    return this;
  }

  /** Lower-case COCO name, e.g. {@code left_shoulder}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
