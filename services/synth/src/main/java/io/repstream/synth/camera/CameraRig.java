package io.repstream.synth.camera;

import io.repstream.synth.body.Joint;
import io.repstream.synth.body.Skeleton;
import io.repstream.synth.body.Vec3;
import java.util.List;
import java.util.Random;

/**
 * Chooses cameras the way home webcams are set up: mostly from the front, often from the side for floor
 * work, at about chest height, slightly tilted, with laptop to wide-angle lenses; then frames the whole
 * workout so that the person fills a random share of the picture and never leaves it.
 */
public final class CameraRig {
  static final double FRONT_SHARE = 0.5;
  static final double SIDE_SHARE = 0.3;
  static final double FRONT_SPREAD = 35;
  static final double MIN_SIDE = 55;
  static final double MAX_SIDE = 100;
  static final double MIN_PITCH = -8;
  static final double MAX_PITCH = 25;
  static final double ROLL_SPREAD = 2.5;
  static final double MAX_ROLL = 8;
  static final double MIN_FOV = 50;
  static final double MAX_FOV = 78;
  /** Share of the picture (the larger of width and height) the workout's whole extent takes. */
  static final double MIN_FILL = 0.75;
  static final double MAX_FILL = 0.95;
  /** Lowest camera height: a webcam stands on something. */
  static final double MIN_CAMERA_HEIGHT = 0.25;
  /** Frames sampled when framing, at most. */
  static final int FRAMING_SAMPLES = 200;

  private CameraRig() {}

  /**
   * Where the webcam points from and its lens, before it is framed on a motion: target at the origin, a
   * nominal distance.
   */
  public static Camera randomAim(Random random, int width, int height) {
    double pick = random.nextDouble();
    double yaw;
    if (pick < FRONT_SHARE) {
      yaw = random.nextDouble(-FRONT_SPREAD, FRONT_SPREAD);
    } else if (pick < FRONT_SHARE + SIDE_SHARE) {
      yaw = (random.nextBoolean() ? 1 : -1) * random.nextDouble(MIN_SIDE, MAX_SIDE);
    } else {
      yaw = random.nextDouble(-180, 180);
    }
    double pitch = random.nextDouble(MIN_PITCH, MAX_PITCH);
    double roll = Math.max(-MAX_ROLL, Math.min(MAX_ROLL, random.nextGaussian() * ROLL_SPREAD));
    double fov = random.nextDouble(MIN_FOV, MAX_FOV);
    return new Camera(yaw, pitch, roll, 3, fov, Vec3.ZERO, width, height);
  }

  /** A random share of the picture for the motion to fill. */
  public static double randomFill(Random random) {
    return random.nextDouble(MIN_FILL, MAX_FILL);
  }

  /** A random camera framed on the motion. */
  public static Camera random(Random random, List<Skeleton> motion, int width, int height) {
    Camera aim = randomAim(random, width, height);
    return frame(aim, motion, randomFill(random));
  }

  /** The camera moved along its line of sight until the motion's extent fills {@code fill} of the picture. */
  public static Camera frame(Camera camera, List<Skeleton> motion, double fill) {
    Camera c = new Camera(camera.yawDegrees(), camera.pitchDegrees(), camera.rollDegrees(), camera.distance(),
        camera.horizontalFovDegrees(), centre(motion), camera.width(), camera.height());
    double radius = radius(motion, c.target());
    c = c.withDistance(Math.max(c.distance(), 1.5 * radius + 0.5));
    for (int i = 0; i < 4; i++) {
      double extent = extent(c, motion);
      double distance = Math.max(radius + 0.4, c.distance() * extent / fill);
      c = c.withDistance(distance);
    }
    Vec3 eye = c.position();
    if (eye.y() < MIN_CAMERA_HEIGHT) {
      double sinPitch = (MIN_CAMERA_HEIGHT - c.target().y()) / c.distance();
      double pitch = Math.toDegrees(Math.asin(Math.max(-1, Math.min(1, sinPitch))));
      c = new Camera(c.yawDegrees(), pitch, c.rollDegrees(), c.distance(), c.horizontalFovDegrees(), c.target(),
          c.width(), c.height());
    }
    return c;
  }

  /** The largest share of the picture's width or height that the projected motion spans. */
  static double extent(Camera camera, List<Skeleton> motion) {
    Projector p = camera.projector();
    double cx = camera.width() / 2.0;
    double cy = camera.height() / 2.0;
    double worst = 0;
    int step = Math.max(1, motion.size() / FRAMING_SAMPLES);
    for (int i = 0; i < motion.size(); i += step) {
      for (Joint j : Joint.values()) {
        double[] px = p.project(motion.get(i).get(j));
        worst = Math.max(worst, Math.abs(px[0] - cx) * 2 / camera.width());
        worst = Math.max(worst, Math.abs(px[1] - cy) * 2 / camera.height());
      }
    }
    // The projected skeleton stops at joint centres and the head top; the body's surface reaches further.
    return worst * 1.12;
  }

  static Vec3 centre(List<Skeleton> motion) {
    double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
    double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
    int step = Math.max(1, motion.size() / FRAMING_SAMPLES);
    for (int i = 0; i < motion.size(); i += step) {
      for (Joint j : Joint.values()) {
        Vec3 v = motion.get(i).get(j);
        lo[0] = Math.min(lo[0], v.x());
        lo[1] = Math.min(lo[1], v.y());
        lo[2] = Math.min(lo[2], v.z());
        hi[0] = Math.max(hi[0], v.x());
        hi[1] = Math.max(hi[1], v.y());
        hi[2] = Math.max(hi[2], v.z());
      }
    }
    return new Vec3((lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2, (lo[2] + hi[2]) / 2);
  }

  private static double radius(List<Skeleton> motion, Vec3 centre) {
    double r = 0;
    int step = Math.max(1, motion.size() / FRAMING_SAMPLES);
    for (int i = 0; i < motion.size(); i += step) {
      for (Joint j : Joint.values()) {
        r = Math.max(r, motion.get(i).get(j).distanceTo(centre));
      }
    }
    return r;
  }
}
