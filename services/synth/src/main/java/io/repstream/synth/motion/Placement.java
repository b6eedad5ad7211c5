package io.repstream.synth.motion;

import io.repstream.synth.body.BodyPose;
import io.repstream.synth.body.ForwardKinematics;
import io.repstream.synth.body.Joint;
import io.repstream.synth.body.Rotation;
import io.repstream.synth.body.Skeleton;
import io.repstream.synth.body.Vec3;

/**
 * A pose put into the room: the person turned to face {@code yawDegrees} with the pelvis at {@code pelvis}.
 * {@code barHeight} is NaN unless the person hangs from a bar.
 */
record Placement(BodyPose pose, double yawDegrees, Vec3 pelvis, double barHeight) {
  /** How far the feet hang above the floor at the bottom of a pull-up. */
  static final double BAR_FOOT_CLEARANCE = 0.08;

  Skeleton skeleton(ForwardKinematics fk) {
    return fk.solve(pose).transformed(Rotation.aboutY(Math.toRadians(yawDegrees)), pelvis);
  }

  /** Places a motion's pose for a set facing {@code yawDegrees} around {@code origin}. */
  static Placement of(ForwardKinematics fk, PlacedPose placed, double yawDegrees, Vec3 origin, double barHeight) {
    Rotation facing = Rotation.aboutY(Math.toRadians(yawDegrees));
    Skeleton s = fk.solve(placed.pose()).transformed(facing, Vec3.ZERO);
    if (placed.support() == Support.BAR) {
      Vec3 hands = s.mid(Joint.LEFT_HAND, Joint.RIGHT_HAND);
      return new Placement(placed.pose(), yawDegrees,
          new Vec3(origin.x() - hands.x(), barHeight - hands.y(), origin.z() - hands.z()), barHeight);
    }
    Vec3 anchor = Vec3.ZERO;
    for (Joint j : placed.anchors()) {
      anchor = anchor.plus(s.get(j));
    }
    anchor = anchor.times(1.0 / placed.anchors().size());
    Vec3 target = origin.plus(facing.apply(placed.anchorAt()));
    double y = -s.lowestSurfaceY(fk.body()) + placed.lift();
    return new Placement(placed.pose(), yawDegrees, new Vec3(target.x() - anchor.x(), y, target.z() - anchor.z()),
        Double.NaN);
  }

  /** The bar height at which a hanging pose just clears the floor. */
  static double barHeightFor(ForwardKinematics fk, BodyPose hanging) {
    Skeleton s = fk.solve(hanging);
    return s.mid(Joint.LEFT_HAND, Joint.RIGHT_HAND).y() - s.lowestSurfaceY(fk.body()) + BAR_FOOT_CLEARANCE;
  }

  /**
   * Between two placements: angles (then {@code adjust}ed), facing and position blended, the body kept on (never
   * in) the floor, and kept on it throughout when neither end hangs from a bar.
   */
  static Placement between(ForwardKinematics fk, Placement a, Placement b, double t,
      java.util.function.UnaryOperator<BodyPose> adjust) {
    BodyPose pose = adjust.apply(BodyPose.lerp(a.pose, b.pose, t));
    double yawDelta = ((b.yawDegrees - a.yawDegrees) % 360 + 540) % 360 - 180;
    double yaw = a.yawDegrees + yawDelta * t;
    Vec3 pelvis = Vec3.lerp(a.pelvis, b.pelvis, t);
    Skeleton s = fk.solve(pose).transformed(Rotation.aboutY(Math.toRadians(yaw)), Vec3.ZERO);
    double grounded = -s.lowestSurfaceY(fk.body());
    boolean hanging = !Double.isNaN(a.barHeight) || !Double.isNaN(b.barHeight);
    double y = hanging ? Math.max(pelvis.y(), grounded) : grounded;
    double bar = Double.isNaN(a.barHeight) ? b.barHeight : a.barHeight;
    return new Placement(pose, yaw, new Vec3(pelvis.x(), y, pelvis.z()), bar);
  }
}
