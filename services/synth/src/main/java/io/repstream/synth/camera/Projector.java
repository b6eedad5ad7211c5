package io.repstream.synth.camera;

import io.repstream.synth.body.Vec3;

/** Projects world points to pixels (and depth along the view) for one camera. */
public final class Projector {
  private static final Vec3 WORLD_UP = new Vec3(0, 1, 0);

  private final Vec3 eye;
  private final Vec3 forward;
  private final Vec3 right;
  private final Vec3 up;
  private final double focal;
  private final double cx;
  private final double cy;
  private final double cosRoll;
  private final double sinRoll;

  Projector(Camera camera) {
    eye = camera.position();
    forward = camera.target().minus(eye).normalized();
    right = forward.cross(WORLD_UP).normalized();
    up = right.cross(forward);
    focal = camera.focalPixels();
    cx = camera.width() / 2.0;
    cy = camera.height() / 2.0;
    cosRoll = Math.cos(Math.toRadians(camera.rollDegrees()));
    sinRoll = Math.sin(Math.toRadians(camera.rollDegrees()));
  }

  /** Pixel x, pixel y (down), and depth in metres along the view direction (positive in front). */
  public double[] project(Vec3 p) {
    Vec3 v = p.minus(eye);
    double depth = v.dot(forward);
    double x = focal * v.dot(right) / depth;
    double y = -focal * v.dot(up) / depth;
    return new double[] {cx + x * cosRoll - y * sinRoll, cy + x * sinRoll + y * cosRoll, depth};
  }

  /** Pixels per metre at a given depth. */
  public double scaleAt(double depth) {
    return focal / depth;
  }

  public Vec3 eye() {
    return eye;
  }

  public Vec3 forward() {
    return forward;
  }
}
