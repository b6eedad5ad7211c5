package io.repstream.exercise;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import java.util.ArrayList;
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
 * <p>
 * With more than one member, the first network is that many copies of it, each trained from its own initial
 * weights, and the model gives the mean of their probabilities (as logits whose softmax is that mean). A network
 * trained on a dozen real clips sometimes calls a whole unseen clip by another name, and which clip depends on
 * its initial weights; the members rarely make the same such mistake.
 * A few tens of thousands of weights per network: microseconds per pose on a CPU, next to milliseconds for the
 * pose itself.
 */
public final class ExercisePhaseNetwork {
  /** Dropout between trunk layers while training; inactive at inference. */
  static final float DROPOUT = 0.1f;

  private ExercisePhaseNetwork() {}

  public static Block build(List<Integer> hiddenUnits, int exercises, int phases, int featureVersion, int members) {
    Block first = members == 1 ? firstNetwork(hiddenUnits, exercises, phases) : ensemble(hiddenUnits, exercises, phases, members);
    if (featureVersion == 1) {
      return first;
    }
    int sharedInputs = PoseFeatures.size(1);
    Block exercise = new SequentialBlock()
        .add(new LambdaBlock(in -> new NDList(in.singletonOrThrow().get(new NDIndex(":, :{}", sharedInputs)))))
        .add(first);
    return new ParallelBlock(
        outputs -> new NDList(outputs.get(0).get(0), outputs.get(1).singletonOrThrow()),
        List.of(exercise, phaseNetwork(hiddenUnits, phases)));
  }

  /** The version 1 network: a shared trunk and one head per task; output {exercise logits, phase logits}. */
  public static Block firstNetwork(List<Integer> hiddenUnits, int exercises, int phases) {
    return new SequentialBlock().add(trunk(hiddenUnits)).add(new ParallelBlock(ExercisePhaseNetwork::bothHeads,
        List.of(Linear.builder().setUnits(exercises).build(), Linear.builder().setUnits(phases).build())));
  }

  /** The phase network of feature versions 2 on: a trunk of its own over all the values, and the phase head. */
  public static Block phaseNetwork(List<Integer> hiddenUnits, int phases) {
    return new SequentialBlock().add(trunk(hiddenUnits)).add(Linear.builder().setUnits(phases).build());
  }

  private static Block ensemble(List<Integer> hiddenUnits, int exercises, int phases, int members) {
    List<Block> copies = new ArrayList<>(members);
    for (int i = 0; i < members; i++) {
      copies.add(firstNetwork(hiddenUnits, exercises, phases));
    }
    return new ParallelBlock(ExercisePhaseNetwork::meanProbabilities, copies);
  }

  /** Per head, the log of the members' mean probabilities: the translator's softmax then gives that mean. */
  private static NDList meanProbabilities(List<NDList> outputs) {
    int heads = outputs.get(0).size();
    NDList out = new NDList(heads);
    for (int h = 0; h < heads; h++) {
      NDArray sum = outputs.get(0).get(h).softmax(-1);
      for (int m = 1; m < outputs.size(); m++) {
        sum = sum.add(outputs.get(m).get(h).softmax(-1));
      }
      out.add(sum.div(outputs.size()).log());
    }
    return out;
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
