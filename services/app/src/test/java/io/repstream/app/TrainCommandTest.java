package io.repstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.repstream.exercise.ExercisePhaseModel;
import io.repstream.exercise.PoseFeatures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
        .contains("--synthetic 4 --exercises squat,push_up --epochs 2").contains("--seed 3");
    try (ExercisePhaseModel model = ExercisePhaseModel.load(out, Device.cpu())) {
      assertThat(model.metadata().exercises()).containsExactlyInAnyOrder("none", "squat", "push_up");
      assertThat(model.metadata().seed()).isEqualTo(3L);
    }
  }

  @Test
  void tooFewSyntheticSequencesIsAUsageError() {
    CommandLine cli = Repstream.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));
    assertThat(cli.execute("train", "--out", dir.resolve("x").toString(), "--synthetic", "1"))
        .isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString()).contains("--synthetic needs at least 2 sequences");
    assertThat(dir.resolve("x")).doesNotExist();
  }

  @Test
  void aPoseModelThatCannotLabelOnePersonIsAUsageError() {
    for (String[] bad : new String[][] {{"multipose", "needs a single-person model"}, {"blazepose", "unknown MoveNet model 'blazepose'"}}) {
      CommandLine cli = Repstream.commandLine();
      StringWriter err = new StringWriter();
      cli.setErr(new PrintWriter(err));
      assertThat(cli.execute("train", "--out", dir.resolve("x").toString(), "--pose-model", bad[0]))
          .as(bad[0]).isEqualTo(CommandLine.ExitCode.USAGE);
      assertThat(err.toString()).contains("--pose-model").contains(bad[1]);
    }
    assertThat(dir.resolve("x")).doesNotExist();
  }

  @Test
  void aFeatureVersionThisCodeDoesNotComputeIsAUsageError() {
    CommandLine cli = Repstream.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));
    assertThat(cli.execute("train", "--out", dir.resolve("x").toString(), "--feature-version", "9"))
        .isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString()).contains("--feature-version 9").contains("versions 1 to " + PoseFeatures.VERSION);
    assertThat(dir.resolve("x")).doesNotExist();
  }
}
