package io.repstream.eval;

import io.repstream.common.clips.ClipLabel;
import io.repstream.counter.catalogue.ExerciseCatalogue;
import io.repstream.schemas.Prediction;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * How one clip went: the exercise its label names and the one the pipeline counted most reps of, the true and
 * the counted reps, the frames and how many of them the classifier itself labelled with the clip's exercise (each
 * frame's own label, before the counter's vote), and what it cost. {@code problem} is null for a clip that played
 * through.
 */
public record ClipResult(
    String clip,
    String expectedExercise,
    String recognisedExercise,
    int trueReps,
    int countedReps,
    long frames,
    long framesNamedRight,
    double wallSeconds,
    String problem) {

  /**
   * How {@code label}'s clip went, from the reps counted per exercise and the frames the classifier labelled
   * ({@code labelled}, the clip's own predictions).
   */
  public static ClipResult of(ClipLabel label, Map<String, Integer> counted, long frames, List<Prediction> labelled,
      double wallSeconds, String problem) {
    int total = counted.values().stream().mapToInt(Integer::intValue).sum();
    return new ClipResult(label.video().getFileName().toString(), label.exercise(), recognised(counted), label.reps(),
        total, frames, framesNaming(labelled, label.exercise()), wallSeconds, problem);
  }

  /**
   * The exercise most of a clip's reps were counted under, "unrecognised" when none were. On a tie a named exercise
   * goes before "unrecognised" (the counter counts under it while its vote is still settling on a name), then the
   * first by name, so the report does not depend on the order the counts arrived in.
   */
  static String recognised(Map<String, Integer> counted) {
    Comparator<Map.Entry<String, Integer>> most = Map.Entry.<String, Integer>comparingByValue()
        .thenComparing(e -> !e.getKey().equals(ExerciseCatalogue.UNRECOGNISED))
        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder());
    return counted.entrySet().stream().max(most).map(Map.Entry::getKey).orElse(ExerciseCatalogue.UNRECOGNISED);
  }

  /** How many of {@code predictions} name {@code exercise}: frames without a pose name none. */
  private static long framesNaming(List<Prediction> predictions, String exercise) {
    return predictions.stream().filter(p -> exercise.equals(p.getExercise())).count();
  }

  /** The share of the clip's frames labelled with its exercise; 0 for a clip without frames. */
  public double frameAccuracy() {
    return frames == 0 ? 0 : framesNamedRight / (double) frames;
  }

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
