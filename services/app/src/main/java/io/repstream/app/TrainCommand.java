package io.repstream.app;

import ai.djl.Device;
import io.repstream.synth.motion.Exercise;
import io.repstream.trainer.GroupSplit;
import io.repstream.trainer.LabelledPose;
import io.repstream.trainer.ModelTrainer;
import io.repstream.trainer.SyntheticPoses;
import io.repstream.trainer.TrainingOptions;
import io.repstream.trainer.TrainingReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Trains the exercise and phase model and writes it with its card and pictures. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Trains the exercise and phase model on synthetic workouts (exact labels for every frame)",
        "and writes the model, MODEL_CARD.md, confusion matrices, training curves and the most confident mistakes."})
final class TrainCommand implements Callable<Integer> {
  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the model and its report.")
  Path out;

  @Option(names = "--synthetic", defaultValue = "120", paramLabel = "N",
      description = "Synthetic workout sequences to generate (default: ${DEFAULT-VALUE}).")
  int sequences;

  @Option(names = "--exercises", split = ",", paramLabel = "LIST",
      description = "Exercises to learn, e.g. squat,push_up (default: the whole catalogue).")
  List<String> exercises = new ArrayList<>();

  @Option(names = "--epochs", defaultValue = "60", description = "Most epochs (default: ${DEFAULT-VALUE}); training stops earlier when validation stops improving.")
  int epochs;

  @Option(names = "--validation", defaultValue = "0.2", description = "Share of sequences held out (default: ${DEFAULT-VALUE}).")
  double validation;

  @Option(names = "--seed", defaultValue = "7", description = "Seed of data, split and training (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--name", defaultValue = "repstream-exercise", description = "Model name (default: ${DEFAULT-VALUE}).")
  String name;

  @Option(names = "--model-version", defaultValue = "1", description = "Model version (default: ${DEFAULT-VALUE}).")
  String version;

  @Override
  public Integer call() throws Exception {
    if (sequences < 2) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--synthetic needs at least 2 sequences");
    }
    List<Exercise> chosen = new ArrayList<>();
    for (String e : exercises) {
      chosen.add(Exercise.fromLabel(e));
    }
    System.err.println("Generating " + sequences + " synthetic workouts...");
    List<LabelledPose> poses = SyntheticPoses.generate(sequences, chosen, seed);
    GroupSplit split = GroupSplit.of(poses, validation, seed);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("synthetic sequences", sequences);
    data.put("exercises asked for", chosen.isEmpty() ? "whole catalogue" : exercises);
    data.put("frames for training", split.train().size());
    data.put("frames for validation", split.validation().size());
    ModelTrainer.Result result = new ModelTrainer(TrainingOptions.DEFAULT.withMaxEpochs(epochs).withSeed(seed), Device.cpu())
        .train(split.train(), split.validation(), name, version, data);
    String command = "bin/repstream train --out " + out + " --synthetic " + sequences
        + (exercises.isEmpty() ? "" : " --exercises " + String.join(",", exercises)) + " --epochs " + epochs
        + " --validation " + validation + " --seed " + seed + " --name " + name + " --model-version " + version;
    try (var model = result.model()) {
      TrainingReport.write(result, command, out);
    }
    System.out.printf("train model=%s exercise_accuracy=%.3f phase_accuracy=%.3f best_epoch=%d out=%s%n", name,
        result.exercises().accuracy(), result.phases().accuracy(), result.bestEpoch(), out);
    return 0;
  }
}
