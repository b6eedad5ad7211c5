package io.repstream.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.engine.Engine;
import org.junit.jupiter.api.Test;

class MaskedPhaseLossTest {
  private final MaskedPhaseLoss loss = new MaskedPhaseLoss();

  @Test
  void averagesCrossEntropyOverLabelledExamplesOnly() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray logits = m.create(new float[] {2, 0, 0, 0, 3, 0, 1, 1, 5}, new Shape(3, 3));
      NDArray labels = m.create(new float[] {0, MaskedPhaseLoss.UNLABELLED, 2});
      double first = -Math.log(Math.exp(2) / (Math.exp(2) + 2));
      double third = -Math.log(Math.exp(5) / (Math.exp(5) + 2 * Math.exp(1)));
      assertThat(loss.evaluate(new NDList(labels), new NDList(logits)).getFloat()).isCloseTo((float) ((first + third) / 2), within(1e-5f));
    }
  }

  @Test
  void unlabelledExamplesGetNoGradientAndAnAllUnlabelledBatchCostsNothing() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray logits = m.create(new float[] {2, 0, 0, 0, 3, 0}, new Shape(2, 3));
      logits.setRequiresGradient(true);
      try (GradientCollector g = Engine.getInstance().newGradientCollector()) {
        g.backward(loss.evaluate(new NDList(m.create(new float[] {1, MaskedPhaseLoss.UNLABELLED})), new NDList(logits)));
      }
      float[] grad = logits.getGradient().toFloatArray();
      assertThat(grad[0]).isNotZero();
      assertThat(new float[] {grad[3], grad[4], grad[5]}).containsOnly(0f);

      NDArray none = m.create(new float[] {MaskedPhaseLoss.UNLABELLED, MaskedPhaseLoss.UNLABELLED});
      assertThat(loss.evaluate(new NDList(none), new NDList(m.create(new float[] {1, 2, 3, 4, 5, 6}, new Shape(2, 3)))).getFloat())
          .isZero();
    }
  }
}
