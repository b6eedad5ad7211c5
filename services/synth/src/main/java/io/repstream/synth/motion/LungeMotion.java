package io.repstream.synth.motion;

import static io.repstream.synth.body.Dof.*;

import io.repstream.synth.body.BodyPose;
import io.repstream.synth.body.Dof;
import io.repstream.synth.body.ForwardKinematics;
import io.repstream.synth.body.Joint;
import java.util.List;
import java.util.Random;

/**
 * Forward lunge, legs alternating, each step a rep. Top: standing, feet together. Bottom: the front thigh
 * level, the back knee just above the floor. The back foot stays where it stood.
 */
final class LungeMotion implements Motion {
  private final double frontHip;
  private final double backKnee;
  private final ArmStyle arms;

  LungeMotion(Random random, ForwardKinematics body) {
    frontHip = random.nextDouble(75, 92);
    backKnee = random.nextDouble(85, 105);
    arms = ArmStyle.random(random, ArmStyle.HANGING, ArmStyle.HANDS_ON_HIPS);
  }

  @Override
  public PlacedPose pose(RepPoint point) {
    boolean leftLeads = point.repIndex() % 2 == 0;
    Dof frontHipDof = leftLeads ? LEFT_HIP_FLEX : RIGHT_HIP_FLEX;
    double d = point.depth();
    BodyPose.Builder b = BodyPose.builder()
        .set(ROOT_PITCH, 6 * d)
        .set(frontHipDof, d * frontHip)
        .set(leftLeads ? LEFT_KNEE_FLEX : RIGHT_KNEE_FLEX, d * (frontHip + 5))
        .set(leftLeads ? LEFT_ANKLE_FLEX : RIGHT_ANKLE_FLEX, -5 * d)
        .set(frontHipDof.mirror(), -12 * d)
        .set(leftLeads ? RIGHT_KNEE_FLEX : LEFT_KNEE_FLEX, d * backKnee)
        .set(leftLeads ? RIGHT_ANKLE_FLEX : LEFT_ANKLE_FLEX, 40 * d)
        .both(LEFT_HIP_ABD, 4);
    arms.apply(b, d, 0);
    Joint backToe = leftLeads ? Joint.RIGHT_TOE : Joint.LEFT_TOE;
    return PlacedPose.onFloor(b.build(), List.of(backToe));
  }
}
