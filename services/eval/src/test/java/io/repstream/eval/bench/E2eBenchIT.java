package io.repstream.eval.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.repstream.common.clips.ClipLabels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** One student for a few seconds through the whole pipeline: frames flow and the report ends with its summary line. */
class E2eBenchIT {
  @Test
  void oneStudentsFramesReachTheClassifierAndTheSummaryLineParses() throws Exception {
    Path clips = ClipLabels.developmentClipsDir().orElse(null);
    Assumptions.assumeTrue(clips != null, ClipLabels.whyNoDevelopmentClips());
    List<Path> videos;
    try (var files = Files.list(clips)) {
      videos = files.filter(f -> f.toString().endsWith(".mp4")).sorted().limit(2).toList();
    }
    ByteArrayOutputStream report = new ByteArrayOutputStream();
    E2eBench.Result r;
    try (PrintStream out = new PrintStream(report, true, StandardCharsets.UTF_8)) {
      r = E2eBench.run(new E2eBench.Options(1, 5, Duration.ofSeconds(3), Duration.ZERO, Duration.ofSeconds(6), videos, Map.of(),
          false, 1, 1), out);
    }
    String text = report.toString(StandardCharsets.UTF_8);
    System.out.print(text);
    String[] lines = text.strip().split("\n");
    assertThat(lines[lines.length - 1]).matches("e2e participants=1 fps=5 sustained=(true|false) p50_ms=-?\\d+ p95_ms=-?\\d+ p99_ms=-?\\d+");
    assertThat(r.framesPerSecond()).as("predictions per second").isPositive();
    assertThat(text).contains("cpu cores: ingest").contains("jpeg: ").contains("classifier ms per frame: ");
  }
}
