package io.repstream.exercise;

import java.util.List;
import java.util.Map;

/**
 * What a saved model says about itself ({@code model.json} beside the weights): the classes its heads
 * predict, the feature version it was trained on, how it was trained and how well it did.
 */
public record ModelMetadata(
    String format,
    String name,
    String version,
    int featureVersion,
    List<String> exercises,
    List<String> phases,
    List<Integer> hiddenUnits,
    long seed,
    Map<String, Object> trainingData,
    Map<String, Double> metrics) {

  public static final String FORMAT = "repstream-exercise-phase";
  /** Key in {@link #trainingData()} naming the MoveNet model whose poses of real images the model learnt from. */
  public static final String POSE_MODEL = "pose model";

  public ModelMetadata withMetrics(Map<String, Double> newMetrics) {
    return new ModelMetadata(format, name, version, featureVersion, exercises, phases, hiddenUnits, seed, trainingData, newMetrics);
  }
}
