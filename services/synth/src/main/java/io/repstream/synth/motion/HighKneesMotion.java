package io.repstream.synth.motion;

import static io.repstream.synth.body.Dof.*;

import io.repstream.synth.body.BodyPose;
import io.repstream.synth.body.ForwardKinematics;
import io.repstream.synth.body.Joint;
import java.util.List;
import java.util.Random;

/**
 * High knees, running on the spot: each knee lift is a rep, sides alternating. Top: both feet down. Bottom:
 * the thigh at or above level, the opposite arm swung forward.
 */
final class HighKneesMotion implements Motion {
  private final double hipAtBottom;
  private final double armSwing;

  HighKneesMotion(Random random, ForwardKinematics body) {
    hipAtBottom = random.nextDouble(75, 105);
    armSwing = random.nextDouble(25, 55);
  }

  @Override
  public PlacedPose pose(RepPoint point) {
    boolean left = point.repIndex() % 2 == 0;
    double d = point.depth();
    BodyPose pose = BodyPose.builder()
        .set(ROOT_PITCH, 4)
        .set(left ? LEFT_HIP_FLEX : RIGHT_HIP_FLEX, d * hipAtBottom)
        .set(left ? LEFT_KNEE_FLEX : RIGHT_KNEE_FLEX, d * (hipAtBottom + 10))
        .set(left ? LEFT_ANKLE_FLEX : RIGHT_ANKLE_FLEX, 20 * d)
        .set(left ? RIGHT_SHOULDER_FLEX : LEFT_SHOULDER_FLEX, d * armSwing)
        .set(left ? LEFT_SHOULDER_FLEX : RIGHT_SHOULDER_FLEX, -d * armSwing * 0.6)
        .both(LEFT_ELBOW_FLEX, 85)
        .both(LEFT_SHOULDER_ABD, 10)
        .build();
    Joint standing = left ? Joint.RIGHT_ANKLE : Joint.LEFT_ANKLE;
    return PlacedPose.onFloor(pose, List.of(standing)).withLift(0.03 * Math.sin(Math.PI * d));
  }
}
