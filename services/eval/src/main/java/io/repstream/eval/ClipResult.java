package io.repstream.eval;

/**
 * How one clip went: the exercise its label names and the one the pipeline counted most reps of, the true and
 * the counted reps, and what it cost. {@code problem} is null for a clip that played through.
 */
public record ClipResult(
    String clip,
    String expectedExercise,
    String recognisedExercise,
    int trueReps,
    int countedReps,
    long frames,
    double wallSeconds,
    String problem) {

  public int error() {
    return countedReps - trueReps;
  }

  /** |counted - true| / true: the per-clip term of the mean absolute error. */
  public double relativeError() {
    return trueReps == 0 ? (countedReps == 0 ? 0 : 1) : Math.abs(error()) / (double) trueReps;
  }

  /** The pipeline counted most of the clip's reps under the exercise its label names. */
  public boolean namedRight() {
    return expectedExercise.equals(recognisedExercise);
  }

  /** Off by at most one. */
  public boolean offByOneOrLess() {
    return Math.abs(error()) <= 1;
  }
}
