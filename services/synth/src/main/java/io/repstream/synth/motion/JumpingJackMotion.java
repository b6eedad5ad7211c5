package io.repstream.synth.motion;

import static io.repstream.synth.body.Dof.*;

import io.repstream.synth.body.BodyPose;
import io.repstream.synth.body.ForwardKinematics;
import java.util.Random;

/**
 * Jumping jack. Top: feet together, arms at the sides. Bottom: feet wide, arms overhead. The body leaves the
 * floor on each switch.
 */
final class JumpingJackMotion implements Motion {
  private final double armsAtBottom;
  private final double legsAtBottom;
  private final double jumpHeight;

  JumpingJackMotion(Random random, ForwardKinematics body) {
    armsAtBottom = random.nextDouble(150, 178);
    legsAtBottom = random.nextDouble(13, 22);
    jumpHeight = random.nextDouble(0.03, 0.09);
  }

  @Override
  public PlacedPose pose(RepPoint point) {
    double d = point.depth();
    BodyPose pose = BodyPose.builder()
        .both(LEFT_SHOULDER_ABD, 6 + d * (armsAtBottom - 6))
        .both(LEFT_ELBOW_FLEX, 10 + 10 * Math.sin(Math.PI * d))
        .both(LEFT_HIP_ABD, 2 + d * (legsAtBottom - 2))
        .both(LEFT_KNEE_FLEX, 10 * Math.sin(Math.PI * d))
        .both(LEFT_ANKLE_FLEX, 15 * Math.sin(Math.PI * d))
        .build();
    return PlacedPose.onFeet(pose).withLift(jumpHeight * Math.sin(Math.PI * d));
  }
}
