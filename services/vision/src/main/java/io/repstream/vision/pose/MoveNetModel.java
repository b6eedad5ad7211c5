package io.repstream.vision.pose;

import java.util.Locale;

/** The three MoveNet graph models the build fetches, with their input size and kind of output. */
public enum MoveNetModel {
  /** Fastest single-person model, 192x192 input. */
  LIGHTNING(192, false),
  /** More accurate single-person model, 256x256 input. */
  THUNDER(256, false),
  /** Up to six people with boxes; this build feeds it 256x256. */
  MULTIPOSE(256, true);

  /** Most people the multi-person model reports. */
  public static final int MAX_PEOPLE = 6;

  private final int inputSize;
  private final boolean multiPerson;

  MoveNetModel(int inputSize, boolean multiPerson) {
    this.inputSize = inputSize;
    this.multiPerson = multiPerson;
  }

  public int inputSize() {
    return inputSize;
  }

  public boolean multiPerson() {
    return multiPerson;
  }

  /** Base name of the model files: {@code movenet-lightning} for {@code movenet-lightning.json} and {@code .bin}. */
  public String fileBaseName() {
    return "movenet-" + name().toLowerCase(Locale.ROOT);
  }

  public static MoveNetModel parse(String name) {
    for (MoveNetModel m : values()) {
      if (m.name().equalsIgnoreCase(name.trim())) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown MoveNet model '" + name + "': expected lightning, thunder or multipose");
  }
}
