package io.repstream.synth.motion;

import static io.repstream.synth.body.Dof.*;

import io.repstream.synth.body.BodyPose;
import io.repstream.synth.body.ForwardKinematics;
import java.util.Random;

/**
 * Sit-up or crunch, lying on the back with knees bent and feet flat. Top (start): lying. Bottom (far end):
 * trunk curled up, all the way for a sit-up, shoulders off the floor for a crunch.
 */
final class SitUpMotion implements Motion {
  /** Thigh angle (about the body's left axis) that keeps the feet flat on the floor throughout. */
  private static final double THIGH_WORLD = -135;
  private static final double SHIN_WORLD = -20;

  private final double pelvisTilt;
  private final double curl;
  private final int armStyle;

  SitUpMotion(Random random, ForwardKinematics body) {
    boolean crunch = random.nextDouble() < 0.4;
    pelvisTilt = crunch ? random.nextDouble(0, 8) : random.nextDouble(30, 45);
    curl = crunch ? random.nextDouble(30, 45) : random.nextDouble(35, 50);
    armStyle = random.nextInt(3);
  }

  @Override
  public PlacedPose pose(RepPoint point) {
    double d = point.depth();
    double pitch = -90 + d * pelvisTilt;
    BodyPose.Builder b = BodyPose.builder()
        .set(ROOT_PITCH, pitch)
        .set(SPINE_FLEX, d * curl)
        .set(NECK_FLEX, 10 + 20 * d)
        .both(LEFT_HIP_FLEX, pitch - THIGH_WORLD)
        .both(LEFT_KNEE_FLEX, SHIN_WORLD - THIGH_WORLD)
        .both(LEFT_ANKLE_FLEX, -SHIN_WORLD)
        .both(LEFT_HIP_ABD, 6);
    switch (armStyle) {
      case 0 -> b.both(LEFT_SHOULDER_FLEX, 150).both(LEFT_SHOULDER_ABD, 35).both(LEFT_ELBOW_FLEX, 140);
      case 1 -> b.both(LEFT_SHOULDER_FLEX, 35).both(LEFT_SHOULDER_ROT, -60).both(LEFT_ELBOW_FLEX, 125);
      default -> b.both(LEFT_SHOULDER_FLEX, 20 + 50 * d).both(LEFT_ELBOW_FLEX, 5).both(LEFT_SHOULDER_ABD, 8);
    }
    return PlacedPose.onFeet(b.build());
  }
}
