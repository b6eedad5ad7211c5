package io.repstream.synth.motion;

import static io.repstream.synth.body.Dof.*;

import io.repstream.synth.body.BodyPose;
import io.repstream.synth.body.ForwardKinematics;
import io.repstream.synth.body.Vec3;
import java.util.List;
import java.util.Random;

/**
 * Wide-grip pull-up hanging from a bar. Top (start): hanging on straight arms. Bottom (far end): chin above
 * the bar. The forearms stay vertical under the grip.
 */
final class PullUpMotion implements Motion {
  private static final double STRAIGHT_ARM_ABDUCTION = 165;

  private final double abductionAtBottom;
  private final double kneeBend;

  PullUpMotion(Random random, ForwardKinematics body) {
    abductionAtBottom = random.nextDouble(55, 75);
    kneeBend = random.nextDouble(20, 75);
  }

  @Override
  public PlacedPose pose(RepPoint point) {
    double d = point.depth();
    double abduction = STRAIGHT_ARM_ABDUCTION + d * (abductionAtBottom - STRAIGHT_ARM_ABDUCTION);
    BodyPose pose = BodyPose.builder()
        .both(LEFT_SHOULDER_ABD, abduction)
        .both(LEFT_SHOULDER_ROT, 90)
        .both(LEFT_ELBOW_FLEX, 180 - abduction)
        .set(NECK_FLEX, -10 * d)
        .both(LEFT_HIP_FLEX, 10 + 10 * d)
        .both(LEFT_KNEE_FLEX, kneeBend)
        .both(LEFT_ANKLE_FLEX, 25)
        .build();
    return new PlacedPose(pose, Support.BAR, List.of(), Vec3.ZERO, 0);
  }
}
