package io.repstream.synth.render;

import java.awt.Color;
import java.util.Random;

/** How one mannequin looks: skin, hair and clothing colours and cut. */
public record Appearance(Color skin, Color hair, Color shirt, Color pants, Color shoes, boolean longSleeves,
    boolean longPants, boolean longHair) {

  /** Skin tones from very light to very dark. */
  static final Color[] SKIN_TONES = {
      new Color(255, 224, 196), new Color(241, 194, 160), new Color(224, 172, 125), new Color(198, 134, 96),
      new Color(161, 102, 70), new Color(120, 76, 50), new Color(88, 56, 38), new Color(236, 188, 150)};
  static final Color[] HAIR_COLOURS = {
      new Color(30, 22, 18), new Color(60, 40, 25), new Color(110, 75, 40), new Color(170, 130, 80),
      new Color(215, 185, 130), new Color(140, 60, 30), new Color(120, 120, 120), new Color(15, 15, 15)};
  static final Color[] CLOTHING = {
      new Color(20, 20, 25), new Color(235, 235, 235), new Color(200, 30, 40), new Color(30, 70, 160),
      new Color(40, 130, 80), new Color(240, 160, 30), new Color(110, 40, 140), new Color(90, 90, 100),
      new Color(255, 120, 160), new Color(30, 150, 170), new Color(140, 110, 80), new Color(60, 60, 140)};

  public static Appearance random(Random random) {
    Color shirt = pickClothing(random);
    Color pants = pickClothing(random);
    if (pants.equals(shirt) && random.nextBoolean()) {
      pants = pants.darker();
    }
    return new Appearance(vary(SKIN_TONES[random.nextInt(SKIN_TONES.length)], random, 12),
        vary(HAIR_COLOURS[random.nextInt(HAIR_COLOURS.length)], random, 10), shirt, pants,
        vary(CLOTHING[random.nextInt(CLOTHING.length)], random, 20), random.nextDouble() < 0.35,
        random.nextDouble() < 0.6, random.nextDouble() < 0.4);
  }

  private static Color pickClothing(Random random) {
    return vary(CLOTHING[random.nextInt(CLOTHING.length)], random, 25);
  }

  static Color vary(Color c, Random random, int spread) {
    return new Color(clamp(c.getRed() + random.nextInt(2 * spread + 1) - spread),
        clamp(c.getGreen() + random.nextInt(2 * spread + 1) - spread),
        clamp(c.getBlue() + random.nextInt(2 * spread + 1) - spread));
  }

  static int clamp(double v) {
    return (int) Math.max(0, Math.min(255, Math.round(v)));
  }
}
