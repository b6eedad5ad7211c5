package io.repstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Misused recount options name what is wrong, instead of a stack trace. */
class EvalCommandTest {
  @TempDir Path dir;

  @Test
  void aRecountWithoutThePredictionsOfAClipNamesIt() throws IOException {
    Path labels = Files.writeString(dir.resolve("clips.tsv"), "file\texercise\treps\nsquat_a.mp4\tsquat\t5\n");
    Path report = Files.createDirectories(dir.resolve("report").resolve("predictions"));
    CommandLine cli = Repstream.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));
    cli.setOut(new PrintWriter(new StringWriter()));

    int exit = cli.execute("eval", "--clips", dir.toString(), "--labels", labels.toString(), "--model", "none",
        "--recount", report.getParent().toString(), "--out", dir.resolve("out").toString());

    assertThat(exit).isEqualTo(Repstream.EXIT_BAD_CONFIG);
    assertThat(err.toString()).contains("--recount " + report.getParent())
        .contains("no kept predictions for clip squat_a.mp4")
        .contains(report.toString());
  }

  @Test
  void relabellingNeedsAnEarlierEvalAndAModel() throws IOException {
    Path labels = Files.writeString(dir.resolve("clips.tsv"), "file\texercise\treps\nsquat_a.mp4\tsquat\t5\n");
    Path report = Files.createDirectories(dir.resolve("report").resolve("predictions"));

    StringWriter err = new StringWriter();
    int exit = run(err, "eval", "--clips", dir.toString(), "--labels", labels.toString(), "--relabel",
        "--out", dir.resolve("out").toString());
    assertThat(exit).isEqualTo(Repstream.EXIT_BAD_CONFIG);
    assertThat(err.toString()).contains("--relabel").contains("--recount DIR");

    err = new StringWriter();
    exit = run(err, "eval", "--clips", dir.toString(), "--labels", labels.toString(), "--model", "none", "--relabel",
        "--recount", report.getParent().toString(), "--out", dir.resolve("out").toString());
    assertThat(exit).isEqualTo(Repstream.EXIT_BAD_CONFIG);
    assertThat(err.toString()).contains("--model").contains("a model to label the kept poses with");

    err = new StringWriter();
    exit = run(err, "eval", "--clips", dir.toString(), "--labels", labels.toString(), "--relabel",
        "--recount", report.getParent().toString(), "--out", report.getParent().toString());
    assertThat(exit).isEqualTo(Repstream.EXIT_BAD_CONFIG);
    assertThat(err.toString()).contains("--out").contains("another folder than --recount's");
  }

  private static int run(StringWriter err, String... args) {
    CommandLine cli = Repstream.commandLine();
    cli.setErr(new PrintWriter(err));
    cli.setOut(new PrintWriter(new StringWriter()));
    return cli.execute(args);
  }
}
