package io.repstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import io.repstream.common.clips.ClipLabel;
import io.repstream.common.clips.ClipLabels;
import io.repstream.common.clips.TrueRepMarks;
import io.repstream.exercise.ExercisePhaseModel;
import io.repstream.exercise.PoseFeatures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrainCommandTest {
  @TempDir Path dir;

  @Test
  void aSmallSyntheticRunWritesTheModelItsCardAndPictures() throws Exception {
    Path out = dir.resolve("model");
    CommandLine cli = Repstream.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute("train", "--out", out.toString(), "--synthetic", "4", "--exercises", "squat,push_up",
        "--epochs", "2", "--seed", "3", "--name", "cli-test", "--model-version", "0.1");

    assertThat(exit).as(err.toString()).isZero();
    for (String file : new String[] {"model.json", "MODEL_CARD.md", "exercise-confusion.png", "phase-confusion.png",
        "training-curves.png", "confident-mistakes.png"}) {
      assertThat(out.resolve(file)).as(file).isRegularFile();
      assertThat(Files.size(out.resolve(file))).as(file).isPositive();
    }
    String card = Files.readString(out.resolve("MODEL_CARD.md"));
    assertThat(card).contains("# Exercise and phase model: cli-test 0.1")
        .contains("--synthetic 4 --exercises squat,push_up --epochs 2").contains("--seed 3")
        // The default is named, so the card reproduces its model after a default changes.
        .contains("--members 3").contains("the exercise is the mean of 3");
    try (ExercisePhaseModel model = ExercisePhaseModel.load(out, Device.cpu())) {
      assertThat(model.metadata().exercises()).containsExactlyInAnyOrder("none", "squat", "push_up");
      assertThat(model.metadata().seed()).isEqualTo(3L);
      assertThat(model.metadata().members()).isEqualTo(3);
    }
  }

  @Test
  void aCardThatLearntClipPhasesNamesEachPhaseLabelFileByItsHash() throws Exception {
    Optional<Path> clips = ClipLabels.developmentClipsDir();
    assumeTrue(clips.isPresent(), "skipped: no real clips (" + ClipLabels.CLIPS_DIR_PROPERTY + " unset; run with -Pclips)");
    // One short clip whose source marked its reps: the model learns phases read from that file.
    ClipLabel marked = ClipLabels.read(clips.get().resolve(ClipLabels.LABELS_FILE)).stream()
        .filter(c -> c.video().getFileName().toString().equals("022_fitness.mp4")).findFirst().orElseThrow();
    Path labels = dir.resolve("labels.tsv");
    Files.writeString(labels, "file\texercise\treps\n" + marked.video() + "\tpull_up\t" + marked.reps() + "\n");
    Path marks = TrueRepMarks.fileOf(marked.video()).orElseThrow();
    String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(marks)));
    Path out = dir.resolve("model");
    CommandLine cli = Repstream.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute("train", "--out", out.toString(), "--synthetic", "2", "--exercises", "pull_up",
        "--epochs", "1", "--videos", labels.toString(), "--clip-folds", "0", "--clip-phases",
        "--pose-cache", dir.resolve("poses").toString());

    assertThat(exit).as(err.toString()).isZero();
    assertThat(Files.readString(out.resolve("MODEL_CARD.md")))
        .contains("- phase label files: [022_fitness.npy (SHA-256 " + hash + ")]");
  }

  @Test
  void tooFewSyntheticSequencesIsAUsageError() {
    assertThat(usageError("--synthetic", "1")).contains("--synthetic needs at least 2 sequences");
  }

  @Test
  void aPoseModelThatCannotLabelOnePersonIsAUsageError() {
    assertThat(usageError("--pose-model", "multipose")).contains("--pose-model").contains("needs a single-person model");
    assertThat(usageError("--pose-model", "blazepose")).contains("--pose-model").contains("unknown MoveNet model 'blazepose'");
  }

  @Test
  void aFeatureVersionThisCodeDoesNotComputeIsAUsageError() {
    assertThat(usageError("--feature-version", "9")).contains("--feature-version 9")
        .contains("versions 1 to " + PoseFeatures.VERSION);
  }

  @Test
  void aModelWithoutExerciseNetworksIsAUsageError() {
    assertThat(usageError("--members", "0")).contains("--members 0: a model needs at least 1 exercise network");
  }

  /** What `repstream train --out DIR ARGS` says on its error stream; it must exit with a usage error, writing nothing. */
  private String usageError(String... args) {
    CommandLine cli = Repstream.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));
    List<String> line = new ArrayList<>(List.of("train", "--out", dir.resolve("x").toString()));
    line.addAll(List.of(args));
    assertThat(cli.execute(line.toArray(String[]::new))).as(String.join(" ", args)).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(dir.resolve("x")).doesNotExist();
    return err.toString();
  }
}
