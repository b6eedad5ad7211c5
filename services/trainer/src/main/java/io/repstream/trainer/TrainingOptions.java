package io.repstream.trainer;

import io.repstream.exercise.PoseFeatures;
import java.util.List;

/** How a model is trained; every field has a default that trains the starter model. */
public record TrainingOptions(
    int maxEpochs,
    int batchSize,
    float learningRate,
    int patience,
    List<Integer> hiddenUnits,
    PoseAugmentation augmentation,
    long seed,
    int featureVersion) {

  /**
   * Pose features version 2: its phase network counts reps on video better than version 1's phase head
   * (docs/accuracy.md), and its exercise network is the version 1 model of the same seed, trained first and
   * alone, so naming is not the price.
   */
  static final int DEFAULT_FEATURE_VERSION = 2;

  public static final TrainingOptions DEFAULT = new TrainingOptions(60, 128, 3e-3f, 8, List.of(128, 128),
      PoseAugmentation.DEFAULT, 7L, DEFAULT_FEATURE_VERSION);

  public TrainingOptions {
    if (maxEpochs < 1 || batchSize < 1 || patience < 1 || !(learningRate > 0) || hiddenUnits.isEmpty()) {
      throw new IllegalArgumentException("epochs, batch size and patience must be at least 1, the learning rate"
          + " positive and the network at least one layer deep");
    }
    PoseFeatures.requireComputed(featureVersion);
  }

  public TrainingOptions withMaxEpochs(int epochs) {
    return new TrainingOptions(epochs, batchSize, learningRate, patience, hiddenUnits, augmentation, seed, featureVersion);
  }

  public TrainingOptions withSeed(long newSeed) {
    return new TrainingOptions(maxEpochs, batchSize, learningRate, patience, hiddenUnits, augmentation, newSeed, featureVersion);
  }

  /** Trains a model on another version of the pose features. */
  public TrainingOptions withFeatureVersion(int version) {
    return new TrainingOptions(maxEpochs, batchSize, learningRate, patience, hiddenUnits, augmentation, seed, version);
  }
}
