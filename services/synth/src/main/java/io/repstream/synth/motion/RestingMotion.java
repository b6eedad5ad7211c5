package io.repstream.synth.motion;

import static io.repstream.synth.body.Dof.*;

import io.repstream.synth.body.BodyPose;
import io.repstream.synth.body.ForwardKinematics;
import java.util.Random;

/** Catching one's breath: bent over with hands on the knees, or sitting on the floor leaning back. */
final class RestingMotion implements Motion {
  private final boolean sitting;
  private final double breathsPerSecond;

  RestingMotion(Random random, ForwardKinematics body) {
    sitting = random.nextBoolean();
    breathsPerSecond = random.nextDouble(0.3, 0.6);
  }

  @Override
  public PlacedPose pose(RepPoint point) {
    double breath = Math.sin(2 * Math.PI * breathsPerSecond * point.seconds());
    BodyPose.Builder b = BodyPose.builder();
    if (sitting) {
      b.set(ROOT_PITCH, -25 + 2 * breath)
          .both(LEFT_HIP_FLEX, 70).both(LEFT_KNEE_FLEX, 100).both(LEFT_HIP_ABD, 15)
          .both(LEFT_SHOULDER_FLEX, -35).both(LEFT_SHOULDER_ABD, 15).both(LEFT_ELBOW_FLEX, 5)
          .set(NECK_FLEX, 10);
      return PlacedPose.onFloor(b.build(), PlacedPose.HIPS);
    }
    b.set(ROOT_PITCH, 35 + 2 * breath).set(SPINE_FLEX, 15).set(NECK_FLEX, -30)
        .both(LEFT_HIP_FLEX, 55).both(LEFT_KNEE_FLEX, 30).both(LEFT_ANKLE_FLEX, -10).both(LEFT_HIP_ABD, 10)
        .both(LEFT_SHOULDER_FLEX, 75).both(LEFT_ELBOW_FLEX, 10).both(LEFT_SHOULDER_ABD, 10);
    return PlacedPose.onFeet(b.build());
  }
}
