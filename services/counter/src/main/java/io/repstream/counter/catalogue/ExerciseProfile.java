package io.repstream.counter.catalogue;

import java.time.Duration;

/**
 * What a valid repetition of one exercise looks like.
 *
 * @param name the classifier's label for the exercise
 * @param kind repetitions or a timed hold
 * @param minPhaseDwell how long a phase must be seen before it is believed; shorter runs are label noise
 * @param minRep a top-bottom-top cycle faster than this is not a repetition a person can do
 * @param maxRep a cycle slower than this is someone resting in between, not a repetition
 * @param minRangeOfMotion the share of the participant's fullest repetition a rep must reach to count
 */
public record ExerciseProfile(
    String name, ExerciseKind kind, Duration minPhaseDwell, Duration minRep, Duration maxRep, double minRangeOfMotion) {

  public ExerciseProfile {
    if (minRep.compareTo(maxRep) >= 0) {
      throw new IllegalArgumentException(name + ": minimum rep duration " + minRep + " must be below maximum " + maxRep);
    }
    if (minRangeOfMotion < 0 || minRangeOfMotion > 1) {
      throw new IllegalArgumentException(name + ": minimum range of motion must be within 0..1, was " + minRangeOfMotion);
    }
  }

  public static ExerciseProfile reps(String name, long dwellMillis, long minRepMillis, long maxRepMillis, double minRom) {
    return new ExerciseProfile(name, ExerciseKind.REPS, Duration.ofMillis(dwellMillis), Duration.ofMillis(minRepMillis),
        Duration.ofMillis(maxRepMillis), minRom);
  }

  /** A static exercise: only the dwell matters, the time before a hold is believed. */
  public static ExerciseProfile hold(String name, long dwellMillis) {
    return new ExerciseProfile(name, ExerciseKind.HOLD, Duration.ofMillis(dwellMillis), Duration.ZERO,
        Duration.ofDays(1), 0);
  }

  public boolean isHold() {
    return kind == ExerciseKind.HOLD;
  }
}
