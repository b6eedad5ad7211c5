package io.repstream.synth.body;

/** A point or direction in metres. World frame: +Y up, the floor at Y = 0. */
public record Vec3(double x, double y, double z) {
  public static final Vec3 ZERO = new Vec3(0, 0, 0);

  public Vec3 plus(Vec3 o) {
    return new Vec3(x + o.x, y + o.y, z + o.z);
  }

  public Vec3 minus(Vec3 o) {
    return new Vec3(x - o.x, y - o.y, z - o.z);
  }

  public Vec3 times(double s) {
    return new Vec3(x * s, y * s, z * s);
  }

  public double dot(Vec3 o) {
    return x * o.x + y * o.y + z * o.z;
  }

  public Vec3 cross(Vec3 o) {
    return new Vec3(y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x);
  }

  public double length() {
    return Math.sqrt(dot(this));
  }

  public double distanceTo(Vec3 o) {
    return minus(o).length();
  }

  public Vec3 normalized() {
    double len = length();
    return len == 0 ? this : times(1 / len);
  }

  /** Linear interpolation: {@code a} at 0, {@code b} at 1. */
  public static Vec3 lerp(Vec3 a, Vec3 b, double t) {
    return a.plus(b.minus(a).times(t));
  }
}
