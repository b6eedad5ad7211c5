package io.repstream.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LateFrameWarningTest {
  private static final Instant T0 = Instant.parse("2026-12-01T04:00:00Z");

  @Test
  void theFirstSkipWarnsAtOnceAndLaterOnesAreSummedOncePerInterval() {
    LateFrameWarning warning = new LateFrameWarning(Duration.ofSeconds(30), Duration.ofSeconds(2));

    assertThat(warning.skipped(0, T0)).isEmpty();
    assertThat(warning.skipped(3, T0)).hasValueSatisfying(m -> assertThat(m)
        .startsWith("Falling behind: skipped 3 frame(s) that reached the classifier more than 2000 ms after ingest")
        .contains("classifier.workers").contains("classifier.pose.model=lightning"));
    assertThat(warning.skipped(5, T0.plusSeconds(10))).isEmpty();
    assertThat(warning.skipped(4, T0.plusSeconds(29))).isEmpty();
    assertThat(warning.skipped(1, T0.plusSeconds(31)))
        .hasValueSatisfying(m -> assertThat(m).startsWith("Falling behind: skipped 10 frame(s) in the last 31 s"));
    assertThat(warning.skipped(2, T0.plusSeconds(40))).isEmpty();
  }
}
