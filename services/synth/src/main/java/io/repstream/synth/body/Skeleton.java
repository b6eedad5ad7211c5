package io.repstream.synth.body;

/** World positions of every {@link Joint} of one mannequin at one instant. */
public final class Skeleton {
  private final Vec3[] points;

  Skeleton(Vec3[] points) {
    if (points.length != Joint.values().length) {
      throw new IllegalArgumentException("need " + Joint.values().length + " points, got " + points.length);
    }
    this.points = points;
  }

  public Vec3 get(Joint joint) {
    return points[joint.ordinal()];
  }

  public Skeleton translated(Vec3 offset) {
    Vec3[] moved = new Vec3[points.length];
    for (int i = 0; i < points.length; i++) {
      moved[i] = points[i].plus(offset);
    }
    return new Skeleton(moved);
  }

  /** Rotated about the world origin, then moved. */
  public Skeleton transformed(Rotation rotation, Vec3 offset) {
    Vec3[] moved = new Vec3[points.length];
    for (int i = 0; i < points.length; i++) {
      moved[i] = rotation.apply(points[i]).plus(offset);
    }
    return new Skeleton(moved);
  }

  /**
   * The height of the lowest point of the body's surface: each joint's centre less the thickness of the body
   * around it, so that a person lying down rests on their back and not on their spine.
   */
  public double lowestSurfaceY(BodyProportions body) {
    double lowest = Double.POSITIVE_INFINITY;
    for (Joint joint : Joint.values()) {
      lowest = Math.min(lowest, points[joint.ordinal()].y() - surfaceDepth(joint, body));
    }
    return lowest;
  }

  private static double surfaceDepth(Joint joint, BodyProportions body) {
    return switch (joint) {
      case NECK, PELVIS, LEFT_HIP, RIGHT_HIP -> body.radius(BodyProportions.Segment.TORSO) * TORSO_BACK_DEPTH;
      case LEFT_SHOULDER, RIGHT_SHOULDER -> body.radius(BodyProportions.Segment.UPPER_ARM);
      case HEAD_CENTER -> body.headRadius();
      case LEFT_ELBOW, RIGHT_ELBOW -> body.radius(BodyProportions.Segment.FOREARM);
      case LEFT_KNEE, RIGHT_KNEE -> body.radius(BodyProportions.Segment.SHIN);
      case LEFT_WRIST, RIGHT_WRIST -> body.radius(BodyProportions.Segment.HAND);
      // Soles, the hand's end and the face's points are already on the surface.
      default -> 0;
    };
  }

  /** How far the back lies behind the spine's joints, relative to the torso's half-width. */
  private static final double TORSO_BACK_DEPTH = 0.7;

  /** Midpoint of two joints. */
  public Vec3 mid(Joint a, Joint b) {
    return Vec3.lerp(get(a), get(b), 0.5);
  }
}
