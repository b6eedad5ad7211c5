package io.repstream.exercise;

import java.util.List;
import java.util.Map;

/**
 * What a saved model says about itself ({@code model.json} beside the weights): the classes its heads
 * predict, the feature version it was trained on, how many exercise networks it averages ({@code members}), how it
 * was trained and how well it did.
 */
public record ModelMetadata(
    String format,
    String name,
    String version,
    int featureVersion,
    List<String> exercises,
    List<String> phases,
    List<Integer> hiddenUnits,
    int members,
    long seed,
    Map<String, Object> trainingData,
    Map<String, Double> metrics) {

  public static final String FORMAT = "repstream-exercise-phase";
  /** Key in {@link #trainingData()} naming the MoveNet model whose poses of real images the model learnt from. */
  public static final String POSE_MODEL = "pose model";

  /** Models saved before ensembles existed say nothing of members: they hold one exercise network. */
  public ModelMetadata {
    if (members == 0) {
      members = 1;
    }
    if (members < 0) {
      throw new IllegalArgumentException("members must be at least 1, not " + members);
    }
  }

  public ModelMetadata withMetrics(Map<String, Double> newMetrics) {
    return new ModelMetadata(format, name, version, featureVersion, exercises, phases, hiddenUnits, members, seed, trainingData,
        newMetrics);
  }
}
