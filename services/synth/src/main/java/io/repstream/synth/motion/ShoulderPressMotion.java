package io.repstream.synth.motion;

import static io.repstream.synth.body.Dof.*;

import io.repstream.synth.body.BodyPose;
import io.repstream.synth.body.ForwardKinematics;
import java.util.Random;

/**
 * Standing overhead shoulder press. Top (start): hands at shoulder height, elbows out and down. Bottom (far
 * end): arms straight overhead. The forearms stay about vertical.
 */
final class ShoulderPressMotion implements Motion {
  private final double rackAbduction;
  private final double stance;

  ShoulderPressMotion(Random random, ForwardKinematics body) {
    rackAbduction = random.nextDouble(40, 60);
    stance = random.nextDouble(4, 12);
  }

  @Override
  public PlacedPose pose(RepPoint point) {
    double d = point.depth();
    double abduction = rackAbduction + d * (170 - rackAbduction);
    BodyPose pose = BodyPose.builder()
        .both(LEFT_SHOULDER_ABD, abduction)
        .both(LEFT_SHOULDER_ROT, 90)
        .both(LEFT_ELBOW_FLEX, 190 - abduction - 10 * d)
        .both(LEFT_SHOULDER_FLEX, 10)
        .both(LEFT_HIP_ABD, stance)
        .build();
    return PlacedPose.onFeet(pose);
  }
}
