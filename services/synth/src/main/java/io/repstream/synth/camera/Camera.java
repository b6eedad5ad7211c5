package io.repstream.synth.camera;

import io.repstream.synth.body.Vec3;

/**
 * A pinhole camera looking at {@code target} from {@code distance} metres. {@code yawDegrees} 0 puts the camera
 * in front of a person who faces +Z, 90 on their left; {@code pitchDegrees} above 0 looks down from above;
 * {@code rollDegrees} tilts the image (a webcam not quite level); {@code horizontalFovDegrees} is the lens.
 */
public record Camera(double yawDegrees, double pitchDegrees, double rollDegrees, double distance,
    double horizontalFovDegrees, Vec3 target, int width, int height) {

  public Camera {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
    }
    if (!(horizontalFovDegrees > 1 && horizontalFovDegrees < 179)) {
      throw new IllegalArgumentException("horizontal field of view must be between 1 and 179 degrees, got " + horizontalFovDegrees);
    }
  }

  public Vec3 position() {
    double yaw = Math.toRadians(yawDegrees);
    double pitch = Math.toRadians(pitchDegrees);
    return target.plus(new Vec3(distance * Math.cos(pitch) * Math.sin(yaw), distance * Math.sin(pitch),
        distance * Math.cos(pitch) * Math.cos(yaw)));
  }

  /** Focal length in pixels. */
  public double focalPixels() {
    return width / 2.0 / Math.tan(Math.toRadians(horizontalFovDegrees) / 2);
  }

  public Camera withSize(int newWidth, int newHeight) {
    return new Camera(yawDegrees, pitchDegrees, rollDegrees, distance, horizontalFovDegrees, target, newWidth, newHeight);
  }

  public Camera withDistance(double newDistance) {
    return new Camera(yawDegrees, pitchDegrees, rollDegrees, newDistance, horizontalFovDegrees, target, width, height);
  }

  /** The fixed parts of the projection, computed once per camera. */
  public Projector projector() {
    return new Projector(this);
  }
}
