package io.repstream.synth.motion;

import static io.repstream.synth.body.Dof.*;

import io.repstream.synth.body.BodyPose;
import io.repstream.synth.body.BodyProportions;
import io.repstream.synth.body.ForwardKinematics;
import io.repstream.synth.body.Joint;
import java.util.List;
import java.util.Random;

/** Plank, held: on straight arms or on the forearms, with a little breathing sway. */
final class PlankMotion implements Motion {
  private static final double SWAY_DEGREES = 1.5;
  private static final double BREATHS_PER_SECOND = 0.25;

  private final BodyPose pose;
  private final List<Joint> anchors;

  PlankMotion(Random random, ForwardKinematics body) {
    double sag = random.nextDouble(-5, 6);
    if (random.nextBoolean()) {
      pose = PlankLevelling.level(body, pitch -> BodyPose.builder()
          .set(ROOT_PITCH, pitch).set(SPINE_FLEX, -sag).set(NECK_FLEX, -15)
          .both(LEFT_SHOULDER_FLEX, pitch - sag).both(LEFT_SHOULDER_ABD, 6)
          .both(LEFT_ANKLE_FLEX, PlankLevelling.toesDownAnkle(pitch)).build(),
          Joint.LEFT_HAND, 0, Joint.LEFT_TOE);
      anchors = PlacedPose.HANDS;
    } else {
      double forearmRadius = body.body().radius(BodyProportions.Segment.FOREARM);
      pose = PlankLevelling.level(body, pitch -> BodyPose.builder()
          .set(ROOT_PITCH, pitch).set(SPINE_FLEX, -sag).set(NECK_FLEX, -15)
          .both(LEFT_SHOULDER_FLEX, pitch - sag).both(LEFT_ELBOW_FLEX, 90).both(LEFT_SHOULDER_ABD, 8)
          .both(LEFT_ANKLE_FLEX, PlankLevelling.toesDownAnkle(pitch)).build(),
          Joint.LEFT_ELBOW, forearmRadius, Joint.LEFT_TOE);
      anchors = List.of(Joint.LEFT_ELBOW, Joint.RIGHT_ELBOW);
    }
  }

  @Override
  public PlacedPose pose(RepPoint point) {
    double sway = SWAY_DEGREES * Math.sin(2 * Math.PI * BREATHS_PER_SECOND * point.seconds());
    return PlacedPose.onFloor(pose.toBuilder().add(SPINE_FLEX, sway).add(HEAD_YAW, 3 * sway).build(), anchors);
  }
}
