package io.repstream.exercise;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Feature vector in, {@link ExercisePhase} out; batches stack the vectors and split the two heads' rows. A model
 * of an older feature version gets the leading values it was trained on.
 */
final class ExercisePhaseTranslator implements Translator<FeatureVector, ExercisePhase> {
  private final List<String> exercises;
  private final List<String> phases;
  private final int inputSize;

  ExercisePhaseTranslator(List<String> exercises, List<String> phases, int inputSize) {
    this.exercises = exercises;
    this.phases = phases;
    this.inputSize = inputSize;
  }

  @Override
  public NDList processInput(TranslatorContext ctx, FeatureVector input) {
    float[] values = input.values();
    return new NDList(ctx.getNDManager().create(values.length == inputSize ? values : Arrays.copyOf(values, inputSize)));
  }

  @Override
  public ExercisePhase processOutput(TranslatorContext ctx, NDList list) {
    return new ExercisePhase(scored(list.get(0), exercises), scored(list.get(1), phases));
  }

  private static List<ExercisePhase.Scored> scored(NDArray logits, List<String> labels) {
    float[] p = logits.softmax(-1).toFloatArray();
    List<ExercisePhase.Scored> out = new ArrayList<>(labels.size());
    for (int i = 0; i < labels.size(); i++) {
      out.add(new ExercisePhase.Scored(labels.get(i), p[i]));
    }
    out.sort(Comparator.comparingDouble(ExercisePhase.Scored::probability).reversed());
    return out;
  }

  @Override
  public Batchifier getBatchifier() {
    return Batchifier.STACK;
  }

}
