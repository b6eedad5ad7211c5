package io.repstream.synth.motion;

import static io.repstream.synth.body.Dof.*;

import io.repstream.synth.body.BodyPose;
import io.repstream.synth.body.ForwardKinematics;
import java.util.Random;

/**
 * Glute bridge, lying on the back, knees bent, feet flat. Top (start): hips on the floor. Bottom (far end):
 * hips raised until shoulders, hips and knees line up.
 */
final class GluteBridgeMotion implements Motion {
  private final double bridgeAngle;
  private final double thighRest;

  GluteBridgeMotion(Random random, ForwardKinematics body) {
    bridgeAngle = random.nextDouble(22, 34);
    thighRest = random.nextDouble(-140, -128);
  }

  @Override
  public PlacedPose pose(RepPoint point) {
    double d = point.depth();
    double pitch = -90 - d * bridgeAngle;
    double thigh = thighRest + d * (-90 - bridgeAngle - thighRest);
    double shin = -20 + 10 * d;
    BodyPose pose = BodyPose.builder()
        .set(ROOT_PITCH, pitch)
        .set(NECK_FLEX, 10 + 25 * d)
        .both(LEFT_HIP_FLEX, pitch - thigh)
        .both(LEFT_KNEE_FLEX, shin - thigh)
        .both(LEFT_ANKLE_FLEX, -shin)
        .both(LEFT_HIP_ABD, 8)
        .both(LEFT_SHOULDER_ABD, 12)
        .both(LEFT_SHOULDER_FLEX, -5)
        .build();
    return PlacedPose.onFeet(pose);
  }
}
