package io.repstream.ingest.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {
  private final ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofMillis(500), Duration.ofSeconds(30));

  @Test
  void doublesFromTheInitialDelayUpToTheMaximum() {
    assertThat(backoff.ceilingMillis(1)).isEqualTo(500);
    assertThat(backoff.ceilingMillis(2)).isEqualTo(1000);
    assertThat(backoff.ceilingMillis(5)).isEqualTo(8000);
    assertThat(backoff.ceilingMillis(7)).isEqualTo(30_000);
    assertThat(backoff.ceilingMillis(1000)).isEqualTo(30_000);
  }

  @Test
  void jittersBetweenHalfAndAllOfTheCeiling() {
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      long d = backoff.delayMillis(3);
      assertThat(d).isBetween(1000L, 2000L);
      seen.add(d);
    }
    assertThat(seen).as("distinct delays: cameras cut together do not retry together").hasSizeGreaterThan(100);
  }
}
