package io.repstream.counter.catalogue;

/** How an exercise is measured: repetitions of a top-bottom-top cycle, or time spent in a static position. */
public enum ExerciseKind {
  REPS,
  HOLD
}
