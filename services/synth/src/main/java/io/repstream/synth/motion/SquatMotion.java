package io.repstream.synth.motion;

import static io.repstream.synth.body.Dof.*;

import io.repstream.synth.body.BodyPose;
import io.repstream.synth.body.ForwardKinematics;
import java.util.Random;

/** Bodyweight squat. Top: standing tall. Bottom: thighs about level, heels down, torso leaning forward. */
final class SquatMotion implements Motion {
  private final double thighAtBottom;
  private final double shinLean;
  private final double torsoLean;
  private final double stance;
  private final ArmStyle arms;

  SquatMotion(Random random, ForwardKinematics body) {
    thighAtBottom = random.nextDouble(80, 98);
    shinLean = random.nextDouble(25, 35);
    torsoLean = random.nextDouble(20, 42);
    stance = random.nextDouble(8, 20);
    arms = ArmStyle.random(random, ArmStyle.FORWARD, ArmStyle.FORWARD, ArmStyle.CROSSED, ArmStyle.HANDS_ON_HIPS);
  }

  @Override
  public PlacedPose pose(RepPoint point) {
    double d = point.depth();
    double thigh = d * thighAtBottom;
    double shin = d * shinLean;
    double pitch = d * torsoLean;
    BodyPose.Builder b = BodyPose.builder()
        .set(ROOT_PITCH, pitch)
        .set(NECK_FLEX, -0.6 * pitch)
        .both(LEFT_HIP_FLEX, pitch + thigh)
        .both(LEFT_KNEE_FLEX, thigh + shin)
        .both(LEFT_ANKLE_FLEX, -shin)
        .both(LEFT_HIP_ABD, stance);
    arms.apply(b, d, pitch);
    return PlacedPose.onFeet(b.build());
  }
}
