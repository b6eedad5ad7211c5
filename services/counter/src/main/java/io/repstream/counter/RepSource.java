package io.repstream.counter;

/** What counts the reps of a recognised exercise (setting {@code counter.reps.from}). */
public enum RepSource {
  /** The phase state machine, on the exercise model's phase probabilities: needs a model whose phases hold up on video. */
  PHASES,
  /**
   * Cycles of periodic body motion, as for an unrecognised exercise; the recognised exercise only names the reps. For
   * a model that names exercises well but whose phases count less well than motion does (the starter model: see
   * docs/accuracy.md).
   */
  MOTION
}
