package io.repstream.synth.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.repstream.synth.body.BodyPose;
import io.repstream.synth.body.BodyProportions;
import io.repstream.synth.body.ForwardKinematics;
import io.repstream.synth.body.Joint;
import io.repstream.synth.body.Skeleton;
import io.repstream.synth.body.Vec3;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PoseProjectionTest {
  private final BodyProportions body = BodyProportions.average(1.7);
  private final Skeleton standing = new ForwardKinematics(body).solve(BodyPose.NEUTRAL).translated(new Vec3(0, 0.9, 0));

  @Test
  void theTargetProjectsToThePictureCentre() {
    Camera camera = new Camera(30, 10, 0, 3, 60, new Vec3(0.2, 1, -0.1), 640, 480);
    double[] p = camera.projector().project(camera.target());
    assertThat(p[0]).isCloseTo(320, within(1e-9));
    assertThat(p[1]).isCloseTo(240, within(1e-9));
    assertThat(p[2]).isCloseTo(3, within(1e-9));
  }

  @Test
  void aFrontCameraSeesThePersonsLeftOnThePictureRightAndEverythingVisible() {
    Camera camera = new Camera(0, 0, 0, 3, 60, new Vec3(0, 0.9, 0), 640, 480);
    ProjectedPose p = new PoseProjection(camera, body).project(standing);
    int left = Joint.LEFT_SHOULDER.ordinal();
    int right = Joint.RIGHT_SHOULDER.ordinal();
    assertThat(p.x()[left]).isGreaterThan(0.5).isGreaterThan(p.x()[right]);
    assertThat(p.y()[Joint.NOSE.ordinal()]).isLessThan(p.y()[left]);
    for (int i = 0; i < Joint.COCO_COUNT; i++) {
      assertThat(p.visible(i)).as(Joint.values()[i].name()).isTrue();
    }
  }

  @Test
  void aSideCameraFindsTheFarShoulderHiddenAndRollTurnsThePicture() {
    Camera left = new Camera(90, 0, 0, 3, 60, new Vec3(0, 0.9, 0), 640, 480);
    ProjectedPose p = new PoseProjection(left, body).project(standing);
    assertThat(p.occluded()[Joint.RIGHT_SHOULDER.ordinal()]).isTrue();
    assertThat(p.occluded()[Joint.RIGHT_HIP.ordinal()]).isTrue();
    assertThat(p.occluded()[Joint.LEFT_SHOULDER.ordinal()]).isFalse();
    assertThat(p.occluded()[Joint.RIGHT_EAR.ordinal()]).isTrue();

    Camera rolled = new Camera(0, 0, 90, 3, 60, new Vec3(0, 0.9, 0), 640, 480);
    ProjectedPose r = new PoseProjection(rolled, body).project(standing);
    // Rolled a quarter turn, the body lies across the picture: head and feet at the same height.
    assertThat(r.y()[Joint.NOSE.ordinal()] * 480).isCloseTo(r.y()[Joint.LEFT_ANKLE.ordinal()] * 480, within(60.0));
  }

  @Test
  void theRigKeepsTheWholeMotionInsideThePicture() {
    for (long seed = 0; seed < 20; seed++) {
      Camera c = CameraRig.random(new Random(seed), List.of(standing), 320, 240);
      ProjectedPose p = new PoseProjection(c, body).project(standing);
      for (int i = 0; i < Joint.COCO_COUNT; i++) {
        assertThat(p.inFrame()[i]).as("seed %d %s", seed, Joint.values()[i]).isTrue();
      }
      assertThat(p.boxHeight()).as("seed %d fills the picture", seed).isGreaterThan(0.3);
      assertThat(c.position().y()).isGreaterThanOrEqualTo(CameraRig.MIN_CAMERA_HEIGHT - 1e-9);
    }
  }
}
