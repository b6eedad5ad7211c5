package io.repstream.synth.motion;

import static io.repstream.synth.body.Dof.*;

import io.repstream.synth.body.BodyPose;
import java.util.Random;

/** What a person's arms do while the legs work or while they stand about. */
enum ArmStyle {
  HANGING,
  HANDS_ON_HIPS,
  CROSSED,
  FORWARD;

  static ArmStyle random(Random random, ArmStyle... allowed) {
    return allowed[random.nextInt(allowed.length)];
  }

  /**
   * Sets the arms; {@code amount} 0..1 scales how far they go (arms reach forward as a squat deepens),
   * {@code torsoPitch} keeps forward-reaching arms level in the world.
   */
  void apply(BodyPose.Builder b, double amount, double torsoPitch) {
    switch (this) {
      case HANGING -> b.both(LEFT_SHOULDER_ABD, 8).both(LEFT_ELBOW_FLEX, 12).both(LEFT_SHOULDER_FLEX, 4);
      case HANDS_ON_HIPS -> b.both(LEFT_SHOULDER_ABD, 40).both(LEFT_SHOULDER_ROT, -45).both(LEFT_ELBOW_FLEX, 90)
          .both(LEFT_SHOULDER_FLEX, -20);
      case CROSSED -> b.both(LEFT_SHOULDER_FLEX, 35).both(LEFT_SHOULDER_ROT, -60).both(LEFT_ELBOW_FLEX, 120)
          .both(LEFT_SHOULDER_ABD, 12);
      case FORWARD -> b.both(LEFT_SHOULDER_FLEX, 10 + 80 * amount + torsoPitch * amount)
          .both(LEFT_ELBOW_FLEX, 10).both(LEFT_SHOULDER_ABD, 8);
    }
  }
}
