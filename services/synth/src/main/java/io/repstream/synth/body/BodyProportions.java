package io.repstream.synth.body;

import java.util.Random;

/**
 * Segment lengths and thicknesses of one mannequin, in metres. Lengths follow average adult ratios to stature,
 * each varied a little so that no two generated people are built alike.
 */
public record BodyProportions(
    double height,
    double hipHalfWidth,
    double torsoLength,
    double shoulderHalfWidth,
    double shoulderDrop,
    double neckLength,
    double headRadius,
    double upperArm,
    double forearm,
    double hand,
    double thigh,
    double shin,
    double ankleHeight,
    double heelBack,
    double toeFront,
    double build) {

  public static final double MIN_HEIGHT = 1.50;
  public static final double MAX_HEIGHT = 1.95;
  /** How much each segment's ratio to stature may vary, as a fraction (uniform, both ways). */
  public static final double RATIO_SPREAD = 0.06;
  /** Thickness factor range: slim to heavy. */
  public static final double MIN_BUILD = 0.85;
  public static final double MAX_BUILD = 1.3;

  /** An average person of the given height. */
  public static BodyProportions average(double height) {
    return new BodyProportions(height, 0.052 * height, 0.300 * height, 0.118 * height, 0.025 * height,
        0.040 * height, 0.068 * height, 0.172 * height, 0.152 * height, 0.085 * height,
        0.245 * height, 0.246 * height, 0.039 * height, 0.035 * height, 0.105 * height, 1.0);
  }

  public static BodyProportions random(Random random) {
    double h = MIN_HEIGHT + random.nextDouble() * (MAX_HEIGHT - MIN_HEIGHT);
    BodyProportions a = average(h);
    return new BodyProportions(h,
        vary(a.hipHalfWidth, random), vary(a.torsoLength, random), vary(a.shoulderHalfWidth, random),
        a.shoulderDrop, vary(a.neckLength, random), vary(a.headRadius, random),
        vary(a.upperArm, random), vary(a.forearm, random), vary(a.hand, random),
        vary(a.thigh, random), vary(a.shin, random), a.ankleHeight, a.heelBack, vary(a.toeFront, random),
        MIN_BUILD + random.nextDouble() * (MAX_BUILD - MIN_BUILD));
  }

  private static double vary(double value, Random random) {
    return value * (1 + (2 * random.nextDouble() - 1) * RATIO_SPREAD);
  }

  /** Radius of a limb segment for drawing, scaled by build. */
  public double radius(Segment segment) {
    return segment.radiusRatio * height * (segment.scalesWithBuild ? build : 1);
  }

  /** The drawn segments, with their thickness as a fraction of stature. */
  public enum Segment {
    UPPER_ARM(0.031, true),
    FOREARM(0.025, true),
    HAND(0.021, false),
    THIGH(0.05, true),
    SHIN(0.034, true),
    FOOT(0.024, false),
    NECK(0.032, true),
    TORSO(0.075, true);

    final double radiusRatio;
    final boolean scalesWithBuild;

    Segment(double radiusRatio, boolean scalesWithBuild) {
      this.radiusRatio = radiusRatio;
      this.scalesWithBuild = scalesWithBuild;
    }
  }
}
