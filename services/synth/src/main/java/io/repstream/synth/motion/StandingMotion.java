package io.repstream.synth.motion;

import static io.repstream.synth.body.Dof.*;

import io.repstream.synth.body.BodyPose;
import io.repstream.synth.body.ForwardKinematics;
import java.util.Random;

/** Standing about between exercises: a relaxed stance that sways, shifts weight and looks around. */
final class StandingMotion implements Motion {
  private final ArmStyle arms;
  private final double swayHz;
  private final double lookHz;
  private final double lookPhase;
  private final double stance;

  StandingMotion(Random random, ForwardKinematics body) {
    arms = ArmStyle.random(random, ArmStyle.HANGING, ArmStyle.HANGING, ArmStyle.HANDS_ON_HIPS, ArmStyle.CROSSED);
    swayHz = random.nextDouble(0.1, 0.3);
    lookHz = random.nextDouble(0.05, 0.2);
    lookPhase = random.nextDouble(0, 2 * Math.PI);
    stance = random.nextDouble(2, 10);
  }

  @Override
  public PlacedPose pose(RepPoint point) {
    double t = point.seconds();
    double sway = Math.sin(2 * Math.PI * swayHz * t);
    BodyPose.Builder b = BodyPose.builder()
        .set(ROOT_ROLL, 2 * sway)
        .set(SPINE_TWIST, 4 * Math.sin(2 * Math.PI * lookHz * t + lookPhase))
        .set(HEAD_YAW, 25 * Math.sin(2 * Math.PI * lookHz * t + lookPhase))
        .set(NECK_FLEX, 5 + 5 * Math.sin(2 * Math.PI * 0.7 * lookHz * t))
        .set(LEFT_HIP_ABD, stance + 2 * sway)
        .set(RIGHT_HIP_ABD, stance - 2 * sway)
        .both(LEFT_KNEE_FLEX, 3);
    arms.apply(b, 0, 0);
    return PlacedPose.onFeet(b.build());
  }
}
