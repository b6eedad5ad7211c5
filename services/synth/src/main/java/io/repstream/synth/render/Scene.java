package io.repstream.synth.render;

import io.repstream.synth.body.BodyProportions;
import java.util.Random;

/** Everything about one rendered person that stays fixed over a video: their look, the room and its light. */
public record Scene(Appearance appearance, Backdrop backdrop, Lighting lighting) {
  public static Scene random(Random random) {
    return new Scene(Appearance.random(random), Backdrop.random(random), Lighting.random(random));
  }

  public MannequinPainter painter(BodyProportions body) {
    return new MannequinPainter(body, appearance, lighting);
  }
}
