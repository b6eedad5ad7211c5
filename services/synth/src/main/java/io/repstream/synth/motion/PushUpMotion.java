package io.repstream.synth.motion;

import static io.repstream.synth.body.Dof.*;

import io.repstream.synth.body.BodyPose;
import io.repstream.synth.body.ForwardKinematics;
import io.repstream.synth.body.Joint;
import java.util.Random;

/**
 * Push-up on the toes. Top: arms straight, body a straight plank. Bottom: elbows bent, chest near the floor.
 * The forearms stay vertical and the body pivots on the toes.
 */
final class PushUpMotion implements Motion {
  private final ForwardKinematics body;
  private final double elbowAtBottom;
  private final double handWidth;
  private final double hipSag;

  PushUpMotion(Random random, ForwardKinematics body) {
    this.body = body;
    elbowAtBottom = random.nextDouble(80, 105);
    handWidth = random.nextDouble(4, 16);
    hipSag = random.nextDouble(-6, 8);
  }

  @Override
  public PlacedPose pose(RepPoint point) {
    double elbow = point.depth() * elbowAtBottom;
    BodyPose pose = PlankLevelling.level(body, pitch -> pronePose(pitch, elbow), Joint.LEFT_HAND, 0,
        Joint.LEFT_TOE);
    return PlacedPose.onFloor(pose, PlacedPose.HANDS);
  }

  BodyPose pronePose(double pitch, double elbow) {
    return BodyPose.builder()
        .set(ROOT_PITCH, pitch)
        .set(SPINE_FLEX, -hipSag)
        .set(NECK_FLEX, -20)
        .both(LEFT_SHOULDER_FLEX, pitch - hipSag - elbow)
        .both(LEFT_ELBOW_FLEX, elbow)
        .both(LEFT_SHOULDER_ABD, handWidth)
        .both(LEFT_HIP_FLEX, 0)
        .both(LEFT_ANKLE_FLEX, PlankLevelling.toesDownAnkle(pitch))
        .build();
  }
}
