package io.repstream.synth.motion;

import static io.repstream.synth.body.Dof.*;

import io.repstream.synth.body.BodyPose;
import io.repstream.synth.body.ForwardKinematics;
import java.util.Random;

/** Lateral raise. Top (start): arms at the sides. Bottom (far end): arms out level with the shoulders. */
final class LateralRaiseMotion implements Motion {
  private final double abductionAtBottom;
  private final double elbow;

  LateralRaiseMotion(Random random, ForwardKinematics body) {
    abductionAtBottom = random.nextDouble(80, 100);
    elbow = random.nextDouble(5, 25);
  }

  @Override
  public PlacedPose pose(RepPoint point) {
    double d = point.depth();
    BodyPose pose = BodyPose.builder()
        .both(LEFT_SHOULDER_ABD, 8 + d * (abductionAtBottom - 8))
        .both(LEFT_SHOULDER_FLEX, 8)
        .both(LEFT_ELBOW_FLEX, elbow)
        .both(LEFT_HIP_ABD, 6)
        .build();
    return PlacedPose.onFeet(pose);
  }
}
