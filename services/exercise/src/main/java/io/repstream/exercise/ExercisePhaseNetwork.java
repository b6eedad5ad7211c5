package io.repstream.exercise;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import java.util.List;

/**
 * One network, two heads: a shared trunk of fully connected layers over the pose features, then one linear
 * head for the exercise and one for the phase. Output: {exercise logits, phase logits}. A few thousand
 * weights: microseconds per pose on a CPU, next to milliseconds for the pose itself.
 */
final class ExercisePhaseNetwork {
  /** Dropout between trunk layers while training; inactive at inference. */
  static final float DROPOUT = 0.1f;

  private ExercisePhaseNetwork() {}

  static Block build(List<Integer> hiddenUnits, int exercises, int phases) {
    SequentialBlock trunk = new SequentialBlock();
    for (int units : hiddenUnits) {
      trunk.add(Linear.builder().setUnits(units).build()).add(Activation::relu)
          .add(Dropout.builder().optRate(DROPOUT).build());
    }
    ParallelBlock heads = new ParallelBlock(
        outputs -> new NDList(outputs.get(0).singletonOrThrow(), outputs.get(1).singletonOrThrow()),
        List.of(Linear.builder().setUnits(exercises).build(), Linear.builder().setUnits(phases).build()));
    return new SequentialBlock().add(trunk).add(heads);
  }
}
