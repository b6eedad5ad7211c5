package io.repstream.synth.render;

import java.awt.Color;
import java.util.Random;

/**
 * The room's light: overall brightness, the picture direction the key light comes from (degrees, 0 = from the
 * right, 90 = from above), how much light is ambient, and a colour cast (warm bulbs, cool daylight).
 */
public record Lighting(double brightness, double keyAngleDegrees, double ambient, Color tint) {
  static final double MIN_BRIGHTNESS = 0.75;
  static final double MAX_BRIGHTNESS = 1.15;

  public static Lighting random(Random random) {
    Color tint = switch (random.nextInt(3)) {
      case 0 -> new Color(255, 236, 210);
      case 1 -> new Color(225, 235, 255);
      default -> Color.WHITE;
    };
    return new Lighting(random.nextDouble(MIN_BRIGHTNESS, MAX_BRIGHTNESS), random.nextDouble(30, 150),
        random.nextDouble(0.35, 0.6), tint);
  }

  /** A surface colour lit by the given share of the key light (0 = in shadow, 1 = facing the light). */
  Color shade(Color base, double keyShare) {
    double light = brightness * (ambient + (1 - ambient) * Math.max(0, Math.min(1, keyShare)));
    return new Color(Appearance.clamp(base.getRed() * light * tint.getRed() / 255.0),
        Appearance.clamp(base.getGreen() * light * tint.getGreen() / 255.0),
        Appearance.clamp(base.getBlue() * light * tint.getBlue() / 255.0));
  }

  /** Unit vector in picture coordinates (y down) pointing towards the key light. */
  double[] towardsLight() {
    double a = Math.toRadians(keyAngleDegrees);
    return new double[] {Math.cos(a), -Math.sin(a)};
  }
}
