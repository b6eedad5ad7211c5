package io.repstream.trainer;

import java.util.List;

/** How a model is trained; every field has a default that trains the starter model. */
public record TrainingOptions(
    int maxEpochs,
    int batchSize,
    float learningRate,
    int patience,
    List<Integer> hiddenUnits,
    PoseAugmentation augmentation,
    long seed) {

  public static final TrainingOptions DEFAULT =
      new TrainingOptions(60, 128, 3e-3f, 8, List.of(128, 128), PoseAugmentation.DEFAULT, 7L);

  public TrainingOptions {
    if (maxEpochs < 1 || batchSize < 1 || patience < 1 || !(learningRate > 0) || hiddenUnits.isEmpty()) {
      throw new IllegalArgumentException("epochs, batch size and patience must be at least 1, the learning rate"
          + " positive and the network at least one layer deep");
    }
  }

  public TrainingOptions withMaxEpochs(int epochs) {
    return new TrainingOptions(epochs, batchSize, learningRate, patience, hiddenUnits, augmentation, seed);
  }

  public TrainingOptions withSeed(long newSeed) {
    return new TrainingOptions(maxEpochs, batchSize, learningRate, patience, hiddenUnits, augmentation, newSeed);
  }
}
