package io.repstream.synth.body;

/**
 * One degree of freedom of the mannequin, an angle in degrees, with the range a healthy adult body can reach.
 * Sided joints have a left and a right entry. Positive senses: flexion moves a limb forward (knee and elbow
 * bend the natural way), abduction moves it away from the midline, ankle flexion points the toes down,
 * root pitch tips the body forward onto its front (90 = lying face down), spine flexion bends forward.
 */
public enum Dof {
  ROOT_YAW(-180, 180),
  ROOT_PITCH(-130, 130),
  ROOT_ROLL(-90, 90),
  SPINE_FLEX(-30, 90),
  SPINE_TWIST(-40, 40),
  NECK_FLEX(-60, 70),
  HEAD_YAW(-70, 70),
  LEFT_SHOULDER_FLEX(-60, 185),
  RIGHT_SHOULDER_FLEX(-60, 185),
  LEFT_SHOULDER_ABD(-15, 185),
  RIGHT_SHOULDER_ABD(-15, 185),
  LEFT_SHOULDER_ROT(-90, 100),
  RIGHT_SHOULDER_ROT(-90, 100),
  LEFT_ELBOW_FLEX(0, 150),
  RIGHT_ELBOW_FLEX(0, 150),
  LEFT_HIP_FLEX(-30, 135),
  RIGHT_HIP_FLEX(-30, 135),
  LEFT_HIP_ABD(-20, 60),
  RIGHT_HIP_ABD(-20, 60),
  LEFT_KNEE_FLEX(0, 155),
  RIGHT_KNEE_FLEX(0, 155),
  LEFT_ANKLE_FLEX(-35, 55),
  RIGHT_ANKLE_FLEX(-35, 55);

  private final double min;
  private final double max;

  Dof(double min, double max) {
    this.min = min;
    this.max = max;
  }

  public double min() {
    return min;
  }

  public double max() {
    return max;
  }

  public double clamp(double degrees) {
    return Math.max(min, Math.min(max, degrees));
  }

  public boolean allows(double degrees) {
    return degrees >= min && degrees <= max;
  }

  /** The same angle on the other side of the body; itself for the trunk and root. */
  public Dof mirror() {
    if (name().startsWith("LEFT_")) {
      return valueOf("RIGHT_" + name().substring(5));
    }
    if (name().startsWith("RIGHT_")) {
      return valueOf("LEFT_" + name().substring(6));
    }
    return this;
  }
}
