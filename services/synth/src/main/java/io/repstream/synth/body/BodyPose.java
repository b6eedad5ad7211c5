package io.repstream.synth.body;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** Joint angles of the mannequin (degrees, one per {@link Dof}), always within each angle's limits. */
public final class BodyPose {
  /** Standing upright, arms hanging at the sides. */
  public static final BodyPose NEUTRAL = new BodyPose(new double[Dof.values().length]);

  private final double[] degrees;
  private final Set<Dof> clamped;

  private BodyPose(double[] degrees) {
    this(degrees, EnumSet.noneOf(Dof.class));
  }

  private BodyPose(double[] degrees, Set<Dof> clamped) {
    this.degrees = degrees;
    this.clamped = clamped;
  }

  /**
   * The angles a motion asked to take beyond their limits while building this pose (they were held at the
   * limit). A well-made motion never does; the tests check that none does.
   */
  public Set<Dof> clampedDofs() {
    return Collections.unmodifiableSet(clamped);
  }

  public double get(Dof dof) {
    return degrees[dof.ordinal()];
  }

  public Builder toBuilder() {
    return new Builder(degrees.clone(), EnumSet.copyOf(clampedOrEmpty()));
  }

  private Set<Dof> clampedOrEmpty() {
    return clamped.isEmpty() ? EnumSet.noneOf(Dof.class) : clamped;
  }

  public static Builder builder() {
    return NEUTRAL.toBuilder();
  }

  /** Angle-wise interpolation: {@code a} at 0, {@code b} at 1. Yaw takes the short way round. */
  public static BodyPose lerp(BodyPose a, BodyPose b, double t) {
    double[] r = new double[a.degrees.length];
    for (Dof dof : Dof.values()) {
      int i = dof.ordinal();
      double delta = b.degrees[i] - a.degrees[i];
      if (dof == Dof.ROOT_YAW) {
        delta = ((delta % 360) + 540) % 360 - 180;
        double yaw = a.degrees[i] + delta * t;
        r[i] = ((yaw % 360) + 540) % 360 - 180;
      } else {
        r[i] = dof.clamp(a.degrees[i] + delta * t);
      }
    }
    return new BodyPose(r);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BodyPose p && Arrays.equals(degrees, p.degrees);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(degrees);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("BodyPose{");
    for (Dof dof : Dof.values()) {
      if (get(dof) != 0) {
        sb.append(dof).append('=').append(String.format(java.util.Locale.ROOT, "%.1f", get(dof))).append(' ');
      }
    }
    return sb.append('}').toString();
  }

  /** Sets angles, clamping each to its limits so that no motion can bend a joint the wrong way. */
  public static final class Builder {
    /** Slack for rounding when a motion computes an angle that lands exactly on a limit. */
    private static final double TOLERANCE = 1e-9;

    private final double[] degrees;
    private final EnumSet<Dof> clamped;

    private Builder(double[] degrees, EnumSet<Dof> clamped) {
      this.degrees = degrees;
      this.clamped = clamped;
    }

    public Builder set(Dof dof, double value) {
      if (dof == Dof.ROOT_YAW) {
        degrees[dof.ordinal()] = ((value % 360) + 540) % 360 - 180;
        return this;
      }
      if (value < dof.min() - TOLERANCE || value > dof.max() + TOLERANCE) {
        clamped.add(dof);
      }
      degrees[dof.ordinal()] = dof.clamp(value);
      return this;
    }

    /** Sets a sided angle on both sides (given its left or right entry). */
    public Builder both(Dof dof, double value) {
      set(dof, value);
      return set(dof.mirror(), value);
    }

    public Builder add(Dof dof, double value) {
      return set(dof, degrees[dof.ordinal()] + value);
    }

    public BodyPose build() {
      return new BodyPose(degrees.clone(), clamped.isEmpty() ? EnumSet.noneOf(Dof.class) : EnumSet.copyOf(clamped));
    }
  }
}
