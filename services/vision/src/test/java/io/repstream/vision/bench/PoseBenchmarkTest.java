package io.repstream.vision.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import io.repstream.vision.pose.MoveNetModel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's plumbing (frames, peer process, report format) on one small configuration; no timing asserted. */
class PoseBenchmarkTest {
  private static final Path PEER_DIR = Path.of("src/test/node");

  @Test
  void printsAFigurePerConfigurationAndTheSummaryLast() {
    String clips = System.getProperty("repstream.clips.dir");
    assumeTrue(clips != null && !clips.isBlank() && Files.isDirectory(Path.of(clips)),
        "skipped: the clips folder (repstream.clips.dir, set by the clips profile) is not set or not here");
    boolean peer = Files.isDirectory(PEER_DIR.resolve("node_modules"));
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    List<PoseBenchmark.Result> results = PoseBenchmark.run(new PoseBenchmark.Options(Path.of(clips),
        peer ? PEER_DIR : null, List.of(MoveNetModel.LIGHTNING), List.of(8), 1, Device.cpu(), 0),
        new PrintStream(buffer, true, StandardCharsets.UTF_8));
    String[] lines = buffer.toString(StandardCharsets.UTF_8).strip().split("\n");
    assertThat(results).hasSize(1);
    assertThat(results.get(0).msPerImage()).isPositive();
    assertThat(results.get(0).peerMsPerImage().isPresent()).isEqualTo(peer);
    String number = "[0-9]+\\.[0-9]+";
    String peerPart = peer ? "peer_wasm_ms_per_image=" + number + " speedup=" + number
        : "peer_wasm_ms_per_image=NA speedup=NA";
    assertThat(lines[lines.length - 1]).matches("pose model=lightning batch=8 ms_per_image=" + number + " " + peerPart);
  }
}
