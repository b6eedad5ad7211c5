package io.repstream.ingest.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.repstream.ingest.Clips;
import io.repstream.ingest.config.IngestConfig;
import io.repstream.ingest.source.StreamDecoder;
import io.repstream.ingest.source.StreamUrl;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FrameSamplerTest {
  private static final double FPS = 10;
  private static final long INTERVAL = 100_000;

  @Test
  void keepsEveryThirdFrameOfThirtyFpsAtTenFps() {
    FrameSampler s = new FrameSampler(FPS);
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < 90; i++) {
      if (s.accept(i * 1_000_000L / 30)) {
        kept.add(i);
      }
    }
    assertThat(kept).hasSize(30).startsWith(0, 3, 6, 9);
  }

  @Test
  void keepsEveryFrameOfASourceSlowerThanTheRate() {
    FrameSampler s = new FrameSampler(FPS);
    for (int i = 0; i < 20; i++) {
      assertThat(s.accept(i * 200_000L)).as("frame %d at 5 fps", i).isTrue();
    }
  }

  @Test
  void refusesFramesThatGoBackInTimeOrRepeatATimestamp() {
    FrameSampler s = new FrameSampler(FPS);
    assertThat(s.accept(1_000_000)).isTrue();
    assertThat(s.accept(1_200_000)).isTrue();
    assertThat(s.accept(1_200_000)).isFalse();
    assertThat(s.accept(1_150_000)).isFalse();
    assertThat(s.accept(900_000)).isFalse();
    assertThat(s.accept(1_300_000)).isTrue();
  }

  @Test
  void aGapInTheStreamResumesAtTheNextFrameWithoutCatchingUp() {
    FrameSampler s = new FrameSampler(FPS);
    assertThat(s.accept(0)).isTrue();
    assertThat(s.accept(5_000_000)).isTrue();
    assertThat(s.accept(5_050_000)).isFalse();
    assertThat(s.accept(5_080_000)).as("on the old slot grid this would start a new slot").isFalse();
    assertThat(s.accept(5_100_000)).isTrue();
  }

  @Test
  void refusesANonPositiveRate() {
    assertThatThrownBy(() -> new FrameSampler(0)).hasMessageContaining("must be positive");
  }

  /**
   * Decodes a real clip and samples it by its own timestamps: the count matches the clip's duration times
   * the rate, frames stay in order, and successive samples are one interval apart give or take one source
   * frame.
   */
  @ParameterizedTest(name = "{0} at {1} fps")
  @CsvSource({"023_fitness.mp4, 10", "060_jumping_rope.mp4, 10", "060_jumping_rope.mp4, 5", "joelo_landmine_thruster.mp4, 10",
      "joelo_landmine_thruster.mp4, 2.5"})
  void samplesRealClipsAtTheConfiguredRateByTheirOwnTimestamps(String name, double fps) throws Exception {
    Path clip = Clips.clip(name);
    IngestConfig config = IngestConfig.withOverrides(Map.of("ingest.file.enabled", "true"));
    List<Long> all = new ArrayList<>();
    try (StreamDecoder d = StreamDecoder.open(StreamUrl.parse(clip.toString(), Set.of(), true), false, config)) {
      StreamDecoder.Picture p;
      while ((p = d.next()) != null) {
        all.add(p.timestampMicros());
      }
    }
    assertThat(all).hasSizeGreaterThan(100);
    long sourceInterval = (all.get(all.size() - 1) - all.get(0)) / (all.size() - 1);
    long duration = all.get(all.size() - 1) - all.get(0) + sourceInterval;

    FrameSampler s = new FrameSampler(fps);
    List<Long> kept = all.stream().filter(s::accept).toList();

    double expected = duration / 1e6 * fps;
    assertThat((double) kept.size()).as("samples of %.2f s at %s fps", duration / 1e6, fps)
        .isBetween(Math.floor(expected) - 1, Math.ceil(expected) + 1);
    assertThat(kept).isSorted().doesNotHaveDuplicates();
    long interval = s.intervalMicros();
    for (int i = 1; i < kept.size(); i++) {
      long gap = kept.get(i) - kept.get(i - 1);
      assertThat(gap).as("gap before sample %d", i).isBetween(interval - sourceInterval - 1, interval + sourceInterval + 1);
    }
    assertThat(interval).isEqualTo(Math.round(INTERVAL * FPS / fps));
  }
}
