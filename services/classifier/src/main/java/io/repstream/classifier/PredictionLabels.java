package io.repstream.classifier;

import io.repstream.exercise.ExercisePhase;
import io.repstream.schemas.LabelProbability;
import io.repstream.schemas.Phase;
import io.repstream.schemas.Prediction;
import java.util.List;

/**
 * How the exercise model's answer for one frame is written into its {@link Prediction}: the top label and the
 * {@code topK} most likely labels of each head. The classifier writes it so; an evaluation that labels kept poses
 * again must write it the same way.
 */
public final class PredictionLabels {
  /** The exercise of a frame the model did not label (no pose, or no model): the counter then counts periodic motion. */
  public static final String NO_EXERCISE = "none";

  private PredictionLabels() {}

  /** Sets the exercise and phase fields; without an answer, "none", UNKNOWN and no probabilities. */
  public static Prediction.Builder set(Prediction.Builder b, ExercisePhase answer, int topK) {
    if (answer == null) {
      return b.setExercise(NO_EXERCISE).setExerciseProbabilities(List.of())
          .setPhase(Phase.UNKNOWN).setPhaseProbabilities(List.of());
    }
    return b.setExercise(answer.exercise()).setExerciseProbabilities(top(answer.exercises(), topK))
        .setPhase(phase(answer.phase())).setPhaseProbabilities(top(answer.phases(), topK));
  }

  private static List<LabelProbability> top(List<ExercisePhase.Scored> scored, int topK) {
    return scored.stream().limit(topK).map(s -> new LabelProbability(s.label(), s.probability())).toList();
  }

  private static Phase phase(String label) {
    try {
      return Phase.valueOf(label);
    } catch (IllegalArgumentException e) {
      return Phase.UNKNOWN;
    }
  }
}
