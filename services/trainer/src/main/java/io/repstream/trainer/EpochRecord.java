package io.repstream.trainer;

/** One epoch's figures, for the training curves and the model card. */
public record EpochRecord(int epoch, double trainLoss, double validationLoss, double exerciseAccuracy, double phaseAccuracy) {
  /** The figure early stopping watches: both heads matter, so their mean accuracy. */
  public double score() {
    return (exerciseAccuracy + phaseAccuracy) / 2;
  }
}
