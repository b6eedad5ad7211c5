package io.repstream.synth.motion;

import static io.repstream.synth.body.Dof.*;

import io.repstream.synth.body.BodyPose;
import io.repstream.synth.body.ForwardKinematics;
import io.repstream.synth.body.Vec3;
import java.util.Random;

/**
 * Walking back and forth across a small room: a gait cycle with swinging arms, turning round at each end of
 * the path.
 */
final class WalkingMotion implements Motion {
  private static final double TURN_SECONDS = 0.8;

  private final double strideHz;
  private final double speed;
  private final double pathLength;
  private final double hipSwing;

  WalkingMotion(Random random, ForwardKinematics body) {
    strideHz = random.nextDouble(0.8, 1.0);
    speed = random.nextDouble(0.7, 1.1);
    pathLength = random.nextDouble(0.8, 1.6);
    hipSwing = random.nextDouble(18, 26);
  }

  @Override
  public PlacedPose pose(RepPoint point) {
    double t = point.seconds();
    double legSeconds = pathLength / speed;
    double lap = legSeconds + TURN_SECONDS;
    int leg = (int) Math.floor(t / lap);
    double inLeg = t - leg * lap;
    boolean outward = leg % 2 == 0;
    double walked = Math.min(inLeg, legSeconds) * speed;
    double along = outward ? walked - pathLength / 2 : pathLength / 2 - walked;
    double yaw = outward ? 0 : 180;
    double gait = 1;
    if (inLeg > legSeconds) {
      double turn = (inLeg - legSeconds) / TURN_SECONDS;
      yaw += 180 * turn;
      gait = 0.3;
    }
    double phase = 2 * Math.PI * strideHz * t;
    double s = Math.sin(phase);
    BodyPose pose = BodyPose.builder()
        .set(ROOT_YAW, yaw)
        .set(LEFT_HIP_FLEX, gait * hipSwing * s)
        .set(RIGHT_HIP_FLEX, -gait * hipSwing * s)
        .set(LEFT_KNEE_FLEX, 5 + gait * 40 * Math.max(0, Math.sin(phase + 1.2)))
        .set(RIGHT_KNEE_FLEX, 5 + gait * 40 * Math.max(0, Math.sin(phase + 1.2 + Math.PI)))
        .set(LEFT_SHOULDER_FLEX, -gait * 20 * s)
        .set(RIGHT_SHOULDER_FLEX, gait * 20 * s)
        .both(LEFT_ELBOW_FLEX, 20)
        .both(LEFT_SHOULDER_ABD, 6)
        .build();
    return PlacedPose.onFloor(pose, PlacedPose.HIPS).anchoredAt(new Vec3(0, 0, along));
  }
}
