package io.repstream.exercise;

import java.util.List;

/** The model's answer for one pose: exercises and phases with probabilities, most likely first. */
public record ExercisePhase(List<Scored> exercises, List<Scored> phases) {
  /** A label and its probability. */
  public record Scored(String label, float probability) {}

  public String exercise() {
    return exercises.get(0).label();
  }

  public String phase() {
    return phases.get(0).label();
  }
}
