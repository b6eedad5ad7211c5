package io.repstream.classifier;

import io.repstream.vision.pose.PersonIdentityTracker;
import io.repstream.vision.pose.PersonIdentityTracker.TrackedPose;
import io.repstream.vision.pose.Pose;
import java.util.List;

/**
 * Which of the people the multi-person model finds in a participant's frames is the participant: the most prominent
 * person (large and near the middle) when first seen, then that same person by tracked identity for as long as they
 * stay tracked, whoever else scores higher. A second person walking through a student's tile thus does not take over
 * the student's pose. While the participant is briefly missed, the frame reports nobody rather than someone else;
 * once their track is lost, the most prominent person in view becomes the participant. One per participant; not
 * thread-safe.
 */
final class MainPersonTracker {
  /**
   * How much being off-centre counts against a person's size when choosing whom to follow: at the frame's corner a
   * person weighs this much less than the same size in the middle.
   */
  static final double OFF_CENTRE_PENALTY = 0.5;

  private final PersonIdentityTracker people = new PersonIdentityTracker();
  private int mainId = -1;

  /** The participant's pose in this frame (source pixels), or null when they are not in it. */
  Pose next(List<Pose> poses, int imageWidth, int imageHeight) {
    List<TrackedPose> tracked = people.update(poses);
    for (TrackedPose t : tracked) {
      if (t.id() == mainId) {
        return t.pose();
      }
    }
    if (mainId >= 0 && people.isTracked(mainId)) {
      return null;
    }
    TrackedPose chosen = null;
    double best = Double.NEGATIVE_INFINITY;
    for (TrackedPose t : tracked) {
      double p = prominence(t.pose().box(), imageWidth, imageHeight);
      if (p > best) {
        best = p;
        chosen = t;
      }
    }
    if (chosen == null) {
      mainId = -1;
      return null;
    }
    mainId = chosen.id();
    return chosen.pose();
  }

  /** The box's share of the frame, less the off-centre penalty for how far its centre is from the frame's. */
  static double prominence(Pose.Box box, int imageWidth, int imageHeight) {
    double area = Math.max(0, box.xMax() - box.xMin()) * Math.max(0, box.yMax() - box.yMin());
    double dx = (box.xMin() + box.xMax()) / 2 - imageWidth / 2.0;
    double dy = (box.yMin() + box.yMax()) / 2 - imageHeight / 2.0;
    double offCentre = Math.hypot(dx, dy) / Math.hypot(imageWidth / 2.0, imageHeight / 2.0);
    return area / ((double) imageWidth * imageHeight) * (1 - OFF_CENTRE_PENALTY * Math.min(1, offCentre));
  }
}
