package io.repstream.synth.body;

/** A 3x3 rotation matrix, row-major. Angles are in radians, positive by the right-hand rule. */
public final class Rotation {
  public static final Rotation IDENTITY = new Rotation(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});

  private final double[] m;

  private Rotation(double[] m) {
    this.m = m;
  }

  public static Rotation aboutX(double angle) {
    double c = Math.cos(angle);
    double s = Math.sin(angle);
    return new Rotation(new double[] {1, 0, 0, 0, c, -s, 0, s, c});
  }

  public static Rotation aboutY(double angle) {
    double c = Math.cos(angle);
    double s = Math.sin(angle);
    return new Rotation(new double[] {c, 0, s, 0, 1, 0, -s, 0, c});
  }

  public static Rotation aboutZ(double angle) {
    double c = Math.cos(angle);
    double s = Math.sin(angle);
    return new Rotation(new double[] {c, -s, 0, s, c, 0, 0, 0, 1});
  }

  /** This rotation followed, in the local frame, by {@code local}: the matrix product this * local. */
  public Rotation then(Rotation local) {
    double[] r = new double[9];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        r[3 * i + j] = m[3 * i] * local.m[j] + m[3 * i + 1] * local.m[3 + j] + m[3 * i + 2] * local.m[6 + j];
      }
    }
    return new Rotation(r);
  }

  public Vec3 apply(Vec3 v) {
    return new Vec3(
        m[0] * v.x() + m[1] * v.y() + m[2] * v.z(),
        m[3] * v.x() + m[4] * v.y() + m[5] * v.z(),
        m[6] * v.x() + m[7] * v.y() + m[8] * v.z());
  }

  /** The inverse, which for a rotation is its transpose. */
  public Rotation inverse() {
    return new Rotation(new double[] {m[0], m[3], m[6], m[1], m[4], m[7], m[2], m[5], m[8]});
  }
}
