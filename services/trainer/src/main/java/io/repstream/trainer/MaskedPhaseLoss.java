package io.repstream.trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * Softmax cross-entropy over the phase head that ignores examples without a phase label (label index below
 * zero): they add nothing to the loss or its gradient, and the mean is over labelled examples only, so a batch
 * that is mostly unlabelled real frames does not shrink the phase signal of the few labelled ones.
 */
final class MaskedPhaseLoss extends Loss {
  /** The label index of an example whose phase is not known. */
  static final float UNLABELLED = -1;

  MaskedPhaseLoss() {
    super("phase");
  }

  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    NDArray label = labels.singletonOrThrow();
    NDArray logits = predictions.singletonOrThrow();
    NDArray mask = label.gte(0).toType(logits.getDataType(), false);
    // Unlabelled rows pick class 0 so the index is valid; the mask then zeroes them.
    NDArray index = label.maximum(0).toType(ai.djl.ndarray.types.DataType.INT64, false).reshape(-1, 1);
    NDArray picked = logits.logSoftmax(1).gather(index, 1).reshape(-1);
    NDArray total = picked.mul(mask).sum().neg();
    return total.div(mask.sum().maximum(1));
  }
}
