package io.repstream.exercise;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import java.util.List;

/**
 * One network, two heads. For pose features version 1: a shared trunk of fully connected layers, then one linear
 * head per task; output {exercise logits, phase logits}. From version 2 that network stays as it was on the
 * version 1 values, and a second trunk over all the values, which include where in its movement the frame is,
 * gives the phase; output {exercise logits, the second network's phase logits}. The first network's phase head
 * is only trained, never read: learning the phase alongside shapes the shared trunk, and without it
 * the exercise head named clips it had not seen worse. Where in the movement a frame is tells the phase, not the
 * exercise: fed through the shared trunk, it cost the exercise head four points on unseen clips. The trainer
 * trains the two networks one after the other ({@link #phaseNetwork} second), so the first is exactly a version 1
 * model.
 * A few tens of thousands of weights: microseconds per pose on a CPU, next to milliseconds for the pose itself.
 */
public final class ExercisePhaseNetwork {
  /** Dropout between trunk layers while training; inactive at inference. */
  static final float DROPOUT = 0.1f;

  private ExercisePhaseNetwork() {}

  public static Block build(List<Integer> hiddenUnits, int exercises, int phases, int featureVersion) {
    Block shared = new SequentialBlock().add(trunk(hiddenUnits)).add(new ParallelBlock(ExercisePhaseNetwork::bothHeads,
        List.of(Linear.builder().setUnits(exercises).build(), Linear.builder().setUnits(phases).build())));
    if (featureVersion == 1) {
      return shared;
    }
    int sharedInputs = PoseFeatures.size(1);
    Block exercise = new SequentialBlock()
        .add(new LambdaBlock(in -> new NDList(in.singletonOrThrow().get(new NDIndex(":, :{}", sharedInputs)))))
        .add(shared);
    return new ParallelBlock(
        outputs -> new NDList(outputs.get(0).get(0), outputs.get(1).singletonOrThrow()),
        List.of(exercise, phaseNetwork(hiddenUnits, phases)));
  }

  /** The phase network of feature versions 2 on: a trunk of its own over all the values, and the phase head. */
  public static Block phaseNetwork(List<Integer> hiddenUnits, int phases) {
    return new SequentialBlock().add(trunk(hiddenUnits)).add(Linear.builder().setUnits(phases).build());
  }

  private static SequentialBlock trunk(List<Integer> hiddenUnits) {
    SequentialBlock trunk = new SequentialBlock();
    for (int units : hiddenUnits) {
      trunk.add(Linear.builder().setUnits(units).build()).add(Activation::relu)
          .add(Dropout.builder().optRate(DROPOUT).build());
    }
    return trunk;
  }

  private static NDList bothHeads(List<NDList> outputs) {
    return new NDList(outputs.get(0).singletonOrThrow(), outputs.get(1).singletonOrThrow());
  }
}
