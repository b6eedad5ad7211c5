package io.repstream.trainer;

import io.repstream.exercise.ExercisePhaseModel;
import io.repstream.exercise.ModelMetadata;
import io.repstream.exercise.MotionWindow;
import io.repstream.exercise.PoseFeatures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a trained model's folder: the model, its card (data, classes, metrics, limits, how to reproduce it),
 * confusion matrices, training curves and the most confident mistakes.
 */
public final class TrainingReport {
  public static final String CARD = "MODEL_CARD.md";
  private static final int MISTAKES_SHOWN = 36;

  private TrainingReport() {}

  public static void write(ModelTrainer.Result result, String command, Path dir) throws IOException {
    write(result, command, dir, "");
  }

  /** The training curves of every network the result trained, one row each: its exercise networks, then its phase network. */
  static void trainingCurves(ModelTrainer.Result result, Path png) throws IOException {
    List<ModelTrainer.Stage> networks = new ArrayList<>(result.members());
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= result.members().size(); i++) {
      names.add(result.members().size() == 1 ? "exercise network" : "exercise network " + i);
    }
    if (result.phaseNetwork() != null) {
      networks.add(result.phaseNetwork());
      names.add("phase network");
    }
    Charts.trainingCurves(networks, names, png);
  }

  /** As {@link #write(ModelTrainer.Result, String, Path)}, with extra Markdown sections (e.g. the real clips' scores). */
  public static void write(ModelTrainer.Result result, String command, Path dir, String sections) throws IOException {
    ExercisePhaseModel model = result.model();
    model.save(dir);
    Charts.confusionMatrix(result.exercises(), "Exercise", dir.resolve("exercise-confusion.png"));
    Charts.confusionMatrix(result.phases(), "Phase", dir.resolve("phase-confusion.png"));
    trainingCurves(result, dir.resolve("training-curves.png"));
    MistakeSheet.write(result.mistakes(), MISTAKES_SHOWN, dir.resolve("confident-mistakes.png"));
    Files.writeString(dir.resolve(CARD), card(model.metadata(), result, command, sections), StandardCharsets.UTF_8);
  }

  static String card(ModelMetadata m, ModelTrainer.Result r, String command, String sections) {
    StringBuilder b = new StringBuilder();
    b.append("# Exercise and phase model: ").append(m.name()).append(' ').append(m.version()).append("\n\n");
    b.append("Labels each frame's pose with an exercise and a phase for RepStream's counter. Input: pose features ")
        .append("version ").append(m.featureVersion()).append(" (").append(PoseFeatures.size(m.featureVersion()))
        .append(" values: one frame's normalised keypoints, scores, joint angles and limb directions, and their mean and ")
        .append("spread over a ").append(MotionWindow.FRAMES).append("-frame motion window")
        .append(m.featureVersion() == 1 ? "" : ", and how far from that mean the frame is").append("). Network: ")
        .append(m.featureVersion() == 1 ? "fully connected layers " + m.hiddenUnits() + " with one head per task"
            : "fully connected layers " + m.hiddenUnits() + " with one head per task over the version 1 values, and a "
                + "second such trunk over all the values for the phase that is read, trained after the first")
        .append(m.members() == 1 ? "" : "; the exercise is the mean of " + m.members() + " such first networks, each trained"
            + " from its own initial weights")
        .append(".\n\n");
    b.append("## Reproduce\n\n```sh\n").append(command).append("\n```\n\nSeed ").append(m.seed()).append(".\n\n");
    b.append("## Data\n\n");
    for (Map.Entry<String, Object> e : m.trainingData().entrySet()) {
      b.append("- ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
    }
    b.append("\nSplit by video (each synthetic sequence is one person filmed by one camera, each real clip one video),")
        .append(" never by frame. Real clips are labelled per clip, so their frames teach the exercise head only.\n\n");
    b.append("## Classes\n\n- exercises: ").append(String.join(", ", m.exercises())).append("\n- phases: ")
        .append(String.join(", ", m.phases())).append("\n\n");
    b.append("## Metrics (validation, best epoch ").append(r.bestEpoch()).append(" of ").append(r.history().size());
    for (int i = 1; i < r.members().size(); i++) {
      b.append(i == 1 ? "; the other exercise networks: " : ", ").append(r.members().get(i).best()).append(" of ")
          .append(r.members().get(i).history().size());
    }
    if (!r.phaseNetworkHistory().isEmpty()) {
      b.append("; the phase network, trained after it: best epoch ").append(r.phaseNetworkBestEpoch()).append(" of ")
          .append(r.phaseNetworkHistory().size());
    }
    b.append(")\n\n");
    b.append(String.format("| | accuracy |%n| --- | --- |%n| exercise, per frame | %.1f%% |%n| phase, per frame | %.1f%% |%n%n",
        100 * r.exercises().accuracy(), 100 * r.phases().accuracy()));
    b.append("| exercise | recall |\n| --- | --- |\n");
    List<String> labels = r.exercises().labels();
    for (int i = 0; i < labels.size(); i++) {
      b.append(String.format("| %s | %.1f%% |%n", labels.get(i), 100 * r.exercises().recall(i)));
    }
    b.append("\n![exercise confusion](exercise-confusion.png) ![phase confusion](phase-confusion.png)\n\n")
        .append("![training curves](training-curves.png)\n\n");
    b.append(sections);
    b.append("## Limits\n\n")
        .append("- Single frames at the edges of a set are ambiguous (standing still is the top of a squat and the start of a curl);")
        .append(" the counter votes over time before it trusts a label.\n")
        .append("- \"none\" (standing, walking, resting, transitions) is the weakest class.\n")
        .append("- Exercises outside the classes above get the closest class or \"none\"; the counter then counts periodic motion.\n")
        .append("- Confident mistakes to review: ![mistakes](confident-mistakes.png)\n");
    return b.toString();
  }
}
