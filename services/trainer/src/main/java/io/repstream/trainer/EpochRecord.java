package io.repstream.trainer;

/** One epoch's figures, for the training curves and the model card. */
public record EpochRecord(int epoch, double trainLoss, double validationLoss, double exerciseAccuracy, double phaseAccuracy) {
  /**
   * The figure early stopping watches: both heads matter, so their mean accuracy; the exercise alone when no
   * validation example has a phase label (phase accuracy is then NaN).
   */
  public double score() {
    return Double.isNaN(phaseAccuracy) ? exerciseAccuracy : (exerciseAccuracy + phaseAccuracy) / 2;
  }
}
