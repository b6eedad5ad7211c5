package io.repstream.synth.motion;

import static io.repstream.synth.body.Dof.*;

import io.repstream.synth.body.BodyPose;
import io.repstream.synth.body.Dof;
import io.repstream.synth.body.ForwardKinematics;
import io.repstream.synth.body.Joint;
import java.util.Random;

/**
 * Mountain climber: from a high plank, one knee drives towards the chest and back; sides alternate, each drive
 * is a rep. Top: both legs back. Bottom: the knee under the chest.
 */
final class MountainClimberMotion implements Motion {
  private final ForwardKinematics body;
  private final double hipAtBottom;
  private final double kneeAtBottom;

  MountainClimberMotion(Random random, ForwardKinematics body) {
    this.body = body;
    hipAtBottom = random.nextDouble(80, 110);
    kneeAtBottom = random.nextDouble(95, 125);
  }

  @Override
  public PlacedPose pose(RepPoint point) {
    boolean leftDrives = point.repIndex() % 2 == 0;
    Dof hip = leftDrives ? LEFT_HIP_FLEX : RIGHT_HIP_FLEX;
    Dof knee = leftDrives ? LEFT_KNEE_FLEX : RIGHT_KNEE_FLEX;
    Joint standingToe = leftDrives ? Joint.RIGHT_TOE : Joint.LEFT_TOE;
    double d = point.depth();
    BodyPose pose = PlankLevelling.level(body, pitch -> BodyPose.builder()
        .set(ROOT_PITCH, pitch).set(NECK_FLEX, -20)
        .both(LEFT_SHOULDER_FLEX, pitch).both(LEFT_SHOULDER_ABD, 6)
        .both(LEFT_ANKLE_FLEX, PlankLevelling.toesDownAnkle(pitch))
        .set(hip, d * hipAtBottom).set(knee, d * kneeAtBottom).build(),
        Joint.LEFT_HAND, 0, standingToe);
    return PlacedPose.onFloor(pose, PlacedPose.HANDS);
  }
}
