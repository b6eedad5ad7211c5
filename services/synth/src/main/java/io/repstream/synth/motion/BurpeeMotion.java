package io.repstream.synth.motion;

import static io.repstream.synth.body.Dof.*;

import io.repstream.synth.body.BodyPose;
import io.repstream.synth.body.ForwardKinematics;
import io.repstream.synth.body.Joint;
import io.repstream.synth.body.Skeleton;
import io.repstream.synth.body.Vec3;
import java.util.Random;

/**
 * Burpee. Top (start): standing. On the way down the person squats with hands on the floor (depth 0.5) and
 * kicks the legs back into a high plank, the bottom (far end). On the way up they jump the feet in, stand and
 * jump with arms overhead.
 */
final class BurpeeMotion implements Motion {
  private static final double SQUAT_DEPTH = 0.5;
  private static final double JUMP_DEPTH = 0.25;

  private final BodyPose standing;
  private final BodyPose crouch;
  private final BodyPose plank;
  private final Vec3 handsInCrouch;
  private final double jumpHeight;

  BurpeeMotion(Random random, ForwardKinematics body) {
    standing = BodyPose.builder().both(LEFT_SHOULDER_ABD, 8).both(LEFT_ELBOW_FLEX, 10).build();
    double lean = random.nextDouble(35, 50);
    crouch = BodyPose.builder()
        .set(ROOT_PITCH, lean).set(NECK_FLEX, -20)
        .both(LEFT_HIP_FLEX, lean + 95).both(LEFT_KNEE_FLEX, 130).both(LEFT_ANKLE_FLEX, -35)
        .both(LEFT_SHOULDER_FLEX, lean + 15).both(LEFT_SHOULDER_ABD, 8)
        .build();
    plank = PlankLevelling.level(body, pitch -> BodyPose.builder()
        .set(ROOT_PITCH, pitch).set(NECK_FLEX, -20)
        .both(LEFT_SHOULDER_FLEX, pitch).both(LEFT_SHOULDER_ABD, 8)
        .both(LEFT_ANKLE_FLEX, PlankLevelling.toesDownAnkle(pitch)).build(),
        Joint.LEFT_HAND, 0, Joint.LEFT_TOE);
    Skeleton s = body.solve(crouch);
    Vec3 hands = s.mid(Joint.LEFT_HAND, Joint.RIGHT_HAND);
    Vec3 feet = s.mid(Joint.LEFT_ANKLE, Joint.RIGHT_ANKLE);
    handsInCrouch = new Vec3(hands.x() - feet.x(), 0, hands.z() - feet.z());
    jumpHeight = random.nextDouble(0.05, 0.15);
  }

  @Override
  public PlacedPose pose(RepPoint point) {
    double d = point.depth();
    if (d >= SQUAT_DEPTH) {
      BodyPose pose = BodyPose.lerp(crouch, plank, (d - SQUAT_DEPTH) / (1 - SQUAT_DEPTH));
      return PlacedPose.onFloor(pose, PlacedPose.HANDS).anchoredAt(handsInCrouch);
    }
    BodyPose pose = BodyPose.lerp(standing, crouch, d / SQUAT_DEPTH);
    if (point.rising() && d < JUMP_DEPTH) {
      double flight = Math.sin(Math.PI * (1 - d / JUMP_DEPTH));
      pose = pose.toBuilder().both(LEFT_SHOULDER_FLEX, 170 * flight).both(LEFT_ANKLE_FLEX, 30 * flight).build();
      return PlacedPose.onFeet(pose).withLift(jumpHeight * flight);
    }
    return PlacedPose.onFeet(pose);
  }
}
