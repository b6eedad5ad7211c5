package io.repstream.synth;

import io.repstream.synth.motion.TempoModel;
import io.repstream.synth.motion.WorkoutScript;
import io.repstream.synth.noise.KeypointNoise;

/** What to generate: the script, the seed everything random follows, the picture, and the irregularity models. */
public record SynthOptions(WorkoutScript script, long seed, double fps, int width, int height, TempoModel tempo,
    KeypointNoise noise) {
  public static final double DEFAULT_FPS = 30;
  public static final int DEFAULT_WIDTH = 640;
  public static final int DEFAULT_HEIGHT = 480;

  public SynthOptions {
    if (!(fps > 0 && fps <= 120)) {
      throw new IllegalArgumentException("fps must be in (0, 120], got " + fps);
    }
    if (width < 64 || height < 64 || width % 2 != 0 || height % 2 != 0) {
      throw new IllegalArgumentException("picture size must be even and at least 64x64, got " + width + "x" + height);
    }
  }

  public static SynthOptions of(WorkoutScript script, long seed) {
    return new SynthOptions(script, seed, DEFAULT_FPS, DEFAULT_WIDTH, DEFAULT_HEIGHT, TempoModel.NATURAL,
        KeypointNoise.MOVENET_LIKE);
  }

  public SynthOptions withSeed(long newSeed) {
    return new SynthOptions(script, newSeed, fps, width, height, tempo, noise);
  }

  public SynthOptions withScript(WorkoutScript newScript) {
    return new SynthOptions(newScript, seed, fps, width, height, tempo, noise);
  }

  public SynthOptions withSize(int newWidth, int newHeight) {
    return new SynthOptions(script, seed, fps, newWidth, newHeight, tempo, noise);
  }
}
