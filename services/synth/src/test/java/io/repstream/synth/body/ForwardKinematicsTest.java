package io.repstream.synth.body;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ForwardKinematicsTest {
  private final BodyProportions body = BodyProportions.average(1.75);
  private final ForwardKinematics fk = new ForwardKinematics(body);

  @Test
  void neutralPoseStandsUprightWithLeftOnPlusXAndFaceForward() {
    Skeleton s = fk.solve(BodyPose.NEUTRAL);
    double feet = s.get(Joint.LEFT_HEEL).y();
    double top = s.get(Joint.HEAD_CENTER).y() + body.headRadius();
    assertThat(top - feet).isCloseTo(body.height(), within(0.05 * body.height()));
    assertThat(s.get(Joint.LEFT_SHOULDER).x()).isPositive();
    assertThat(s.get(Joint.RIGHT_SHOULDER).x()).isNegative();
    assertThat(s.get(Joint.NOSE).z()).isGreaterThan(s.get(Joint.HEAD_CENTER).z());
    assertThat(s.get(Joint.LEFT_TOE).z()).isGreaterThan(s.get(Joint.LEFT_HEEL).z());
    assertThat(s.get(Joint.LEFT_WRIST).y()).isLessThan(s.get(Joint.LEFT_ELBOW).y());
  }

  @Test
  void flexionMovesLimbsForwardAndKneesBendBackward() {
    Skeleton s = fk.solve(BodyPose.builder()
        .set(Dof.LEFT_SHOULDER_FLEX, 90).set(Dof.LEFT_HIP_FLEX, 90).set(Dof.LEFT_KNEE_FLEX, 90).build());
    Vec3 shoulder = s.get(Joint.LEFT_SHOULDER);
    Vec3 elbow = s.get(Joint.LEFT_ELBOW);
    assertThat(elbow.z() - shoulder.z()).isCloseTo(body.upperArm(), within(1e-9));
    assertThat(elbow.y()).isCloseTo(shoulder.y(), within(1e-9));
    Vec3 knee = s.get(Joint.LEFT_KNEE);
    Vec3 ankle = s.get(Joint.LEFT_ANKLE);
    assertThat(knee.z()).isCloseTo(s.get(Joint.LEFT_HIP).z() + body.thigh(), within(1e-9));
    assertThat(ankle.y()).isCloseTo(knee.y() - body.shin(), within(1e-9));
  }

  @Test
  void pitchNinetyLaysTheBodyFaceDown() {
    Skeleton s = fk.solve(BodyPose.builder().set(Dof.ROOT_PITCH, 90).build());
    assertThat(s.get(Joint.NECK).z()).isCloseTo(body.torsoLength(), within(1e-9));
    assertThat(s.get(Joint.NOSE).y()).isLessThan(s.get(Joint.HEAD_CENTER).y());
  }
}
