package io.repstream.synth.motion;

import io.repstream.synth.body.BodyPose;
import io.repstream.synth.body.Dof;
import io.repstream.synth.body.ForwardKinematics;
import io.repstream.synth.body.Joint;
import io.repstream.synth.body.Skeleton;
import java.util.function.DoubleFunction;

/**
 * Finds the body pitch at which a prone pose rests on both its front support (hands or forearms) and its
 * feet, so that a push-up pivots on the toes instead of floating.
 */
final class PlankLevelling {
  private static final double MIN_PITCH = 15;
  private static final double MAX_PITCH = 100;
  private static final int ITERATIONS = 24;

  private PlankLevelling() {}

  /**
   * @param poseAtPitch the pose for a given root pitch (degrees)
   * @param front the joint that rests on the floor at the head end
   * @param frontClearance how far that joint's centre sits above the floor
   * @param foot the joint that rests on the floor at the feet
   */
  static BodyPose level(ForwardKinematics fk, DoubleFunction<BodyPose> poseAtPitch, Joint front,
      double frontClearance, Joint foot) {
    double lo = MIN_PITCH;
    double hi = MAX_PITCH;
    for (int i = 0; i < ITERATIONS; i++) {
      double mid = (lo + hi) / 2;
      Skeleton s = fk.solve(poseAtPitch.apply(mid));
      // The front support drops relative to the feet as the body tips forward.
      if (s.get(front).y() - frontClearance > s.get(foot).y()) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return poseAtPitch.apply((lo + hi) / 2);
  }

  /** Toes pointing at the floor for a body tipped forward by {@code pitch} degrees. */
  static double toesDownAnkle(double pitch) {
    return Dof.LEFT_ANKLE_FLEX.clamp(100 - pitch);
  }
}
