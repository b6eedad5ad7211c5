package io.repstream.synth.motion;

import io.repstream.synth.body.BodyPose;
import io.repstream.synth.body.Joint;
import io.repstream.synth.body.Vec3;
import java.util.List;

/**
 * A pose with how to place it: the support, the joints whose mean floor position is held at
 * {@code anchorAt} (the feet in a squat, the hands in a push-up) and a {@code lift} above the support (the
 * flight of a jump). {@code anchorAt} is in the set's own frame, before the person's facing is applied.
 */
public record PlacedPose(BodyPose pose, Support support, List<Joint> anchors, Vec3 anchorAt, double lift) {
  public static final List<Joint> FEET = List.of(Joint.LEFT_ANKLE, Joint.RIGHT_ANKLE);
  public static final List<Joint> HANDS = List.of(Joint.LEFT_HAND, Joint.RIGHT_HAND);
  public static final List<Joint> HIPS = List.of(Joint.LEFT_HIP, Joint.RIGHT_HIP);

  public static PlacedPose onFloor(BodyPose pose, List<Joint> anchors) {
    return new PlacedPose(pose, Support.FLOOR, anchors, Vec3.ZERO, 0);
  }

  public static PlacedPose onFeet(BodyPose pose) {
    return onFloor(pose, FEET);
  }

  public PlacedPose withLift(double metres) {
    return new PlacedPose(pose, support, anchors, anchorAt, metres);
  }

  public PlacedPose anchoredAt(Vec3 at) {
    return new PlacedPose(pose, support, anchors, at, lift);
  }
}
