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
    int featureVersion,
    int members) {

  /**
   * Pose features version 2: its phase network counts reps on video better than version 1's phase head
   * (docs/accuracy.md), and its exercise network is the version 1 model of the same seed, trained first and
   * alone, so naming is not the price.
   */
  static final int DEFAULT_FEATURE_VERSION = 2;

  /**
   * Three exercise networks, averaged: on clips held out of training, four seeds named 77.5-82.0% of frames with
   * three against 73.7-83.8% with one (means 79.6% and 78.0%, docs/accuracy.md). Which whole clip a single network
   * gets wrong depends on its initial weights, so the mean of three depends less on the seed.
   */
  public static final int DEFAULT_MEMBERS = 3;

  public static final TrainingOptions DEFAULT = new TrainingOptions(60, 128, 3e-3f, 8, List.of(128, 128),
      PoseAugmentation.DEFAULT, 7L, DEFAULT_FEATURE_VERSION, DEFAULT_MEMBERS);

  public TrainingOptions {
    if (maxEpochs < 1 || batchSize < 1 || patience < 1 || members < 1 || !(learningRate > 0) || hiddenUnits.isEmpty()) {
      throw new IllegalArgumentException("epochs, batch size, patience and members must be at least 1, the learning rate"
          + " positive and the network at least one layer deep");
    }
    PoseFeatures.requireComputed(featureVersion);
  }

  public TrainingOptions withMaxEpochs(int epochs) {
    return new TrainingOptions(epochs, batchSize, learningRate, patience, hiddenUnits, augmentation, seed, featureVersion, members);
  }

  public TrainingOptions withSeed(long newSeed) {
    return new TrainingOptions(maxEpochs, batchSize, learningRate, patience, hiddenUnits, augmentation, newSeed, featureVersion, members);
  }

  /** Trains a model on another version of the pose features. */
  public TrainingOptions withFeatureVersion(int version) {
    return new TrainingOptions(maxEpochs, batchSize, learningRate, patience, hiddenUnits, augmentation, seed, version, members);
  }

  /** Trains that many exercise networks, each from its own initial weights, and averages them. */
  public TrainingOptions withMembers(int count) {
    return new TrainingOptions(maxEpochs, batchSize, learningRate, patience, hiddenUnits, augmentation, seed, featureVersion, count);
  }
}
