package io.repstream.ingest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.repstream.ingest.Clips;
import io.repstream.ingest.FfmpegProcess;
import io.repstream.ingest.config.IngestConfig.EncoderKind;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The bench counts what it measures correctly; its timings are for docs/benchmarks.md, not asserted here. */
class IngestBenchTest {
  @Test
  void measuresAWholeClipThroughTheIngestPipeline() throws Exception {
    Path clip = Clips.clip(Clips.SHORT_29FPS);
    IngestBench bench = new IngestBench();
    new CommandLine(bench).parseArgs();
    IngestBench.Run run = bench.measure(clip, EncoderKind.FFMPEG);
    assertThat(run.decoded()).isEqualTo(124);
    assertThat(run.sampled()).isEqualTo(43);
    assertThat(run.width()).isEqualTo(640);
    assertThat(run.seconds()).isBetween(4.27, 4.29);
    assertThat(run.jpegBytes()).isGreaterThan(43 * 1000L);
    assertThat(run.cpuSeconds()).isPositive().isGreaterThanOrEqualTo(run.decodeCpuSeconds() + run.encodeCpuSeconds() - 1e-3);
  }

  @Test
  void readsTheFfmpegToolsOwnCpuTiming() throws Exception {
    FfmpegProcess.assumeInstalled();
    assertThat(IngestBench.ffmpegCpuSeconds(Clips.clip(Clips.SHORT_29FPS))).isPositive();
  }
}
