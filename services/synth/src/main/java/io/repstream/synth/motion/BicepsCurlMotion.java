package io.repstream.synth.motion;

import static io.repstream.synth.body.Dof.*;

import io.repstream.synth.body.BodyPose;
import io.repstream.synth.body.ForwardKinematics;
import java.util.Random;

/** Standing biceps curl with both arms. Top (start): arms hanging straight. Bottom (far end): fully curled. */
final class BicepsCurlMotion implements Motion {
  private final double elbowAtBottom;
  private final double elbowDrift;
  private final double stance;

  BicepsCurlMotion(Random random, ForwardKinematics body) {
    elbowAtBottom = random.nextDouble(125, 145);
    elbowDrift = random.nextDouble(0, 20);
    stance = random.nextDouble(3, 10);
  }

  @Override
  public PlacedPose pose(RepPoint point) {
    double d = point.depth();
    BodyPose pose = BodyPose.builder()
        .both(LEFT_ELBOW_FLEX, 5 + d * (elbowAtBottom - 5))
        .both(LEFT_SHOULDER_FLEX, 3 + d * elbowDrift)
        .both(LEFT_SHOULDER_ABD, 8)
        .both(LEFT_HIP_ABD, stance)
        .set(SPINE_FLEX, -3 * d)
        .build();
    return PlacedPose.onFeet(pose);
  }
}
