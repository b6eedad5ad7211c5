package io.repstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Bad benchmark options are usage errors naming what is wrong, refused before any model loads. */
class BenchCommandTest {
  private static String refused(String... args) {
    CommandLine cli = Repstream.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));
    assertThat(cli.execute(args)).as(String.join(" ", args)).isEqualTo(CommandLine.ExitCode.USAGE);
    return err.toString();
  }

  @Test
  void anUnknownPoseModelIsNamed() {
    assertThat(refused("bench", "pose", "--models", "lightning,blazepose"))
        .contains("--models: unknown MoveNet model 'blazepose'");
    assertThat(refused("bench", "classify", "--models", "posenet")).contains("--models: unknown MoveNet model 'posenet'");
  }

  @Test
  void impossibleBatchesAndThreadsAreRefused() {
    assertThat(refused("bench", "pose", "--batches", "8,0")).contains("positive batch sizes");
    assertThat(refused("bench", "classify", "--batches", "0")).contains("positive batch sizes");
    assertThat(refused("bench", "pose", "--threads", "-2")).contains("threads must be 0 (PyTorch's default) or more, got -2");
  }

  @Test
  void aDeviceIsCheckedAsTheClassifierChecksIt() {
    assertThat(refused("bench", "pose", "--device", "tpu")).contains("--device tpu: expected cpu, gpu or gpu:N");
    // The build under test carries PyTorch's CPU natives only.
    assertThat(refused("bench", "classify", "--device", "gpu")).contains("--device gpu: expected cpu: PyTorch sees no GPU here");
  }
}
