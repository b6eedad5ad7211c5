package io.repstream.common.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RequestRateLimitTest {
  private final AtomicLong now = new AtomicLong();

  private void advanceMillis(long ms) {
    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
  }

  @Test
  void aBurstIsAllowedThenTheClientWaitsForTheRefill() {
    RequestRateLimit limit = new RequestRateLimit(2, 5, now::get);
    for (int i = 0; i < 5; i++) {
      assertThat(limit.acquire("10.0.0.1")).isZero();
    }
    assertThat(limit.acquire("10.0.0.1")).isEqualTo(1);
    advanceMillis(499);
    assertThat(limit.acquire("10.0.0.1")).isEqualTo(1);
    advanceMillis(1);
    assertThat(limit.acquire("10.0.0.1")).isZero();
    assertThat(limit.acquire("10.0.0.1")).isEqualTo(1);
  }

  @Test
  void retryAfterCoversTheWholeWaitAtSlowRates() {
    RequestRateLimit limit = new RequestRateLimit(0.25, 1, now::get);
    assertThat(limit.acquire("a")).isZero();
    assertThat(limit.acquire("a")).isEqualTo(4);
    advanceMillis(3000);
    assertThat(limit.acquire("a")).isEqualTo(1);
    advanceMillis(1000);
    assertThat(limit.acquire("a")).isZero();
  }

  @Test
  void oneClientOverItsLimitDoesNotSlowAnother() {
    RequestRateLimit limit = new RequestRateLimit(1, 2, now::get);
    limit.acquire("noisy");
    limit.acquire("noisy");
    assertThat(limit.acquire("noisy")).isPositive();
    assertThat(limit.acquire("quiet")).isZero();
    assertThat(limit.acquire("quiet")).isZero();
  }

  @Test
  void idleClientsAreForgottenSoManyAddressesCannotFillMemory() {
    RequestRateLimit limit = new RequestRateLimit(100, 1, now::get);
    for (int i = 0; i < RequestRateLimit.MAX_TRACKED_CLIENTS; i++) {
      limit.acquire("client-" + i);
    }
    assertThat(limit.trackedClients()).isEqualTo(RequestRateLimit.MAX_TRACKED_CLIENTS);
    advanceMillis(1000);
    limit.acquire("latecomer");
    assertThat(limit.trackedClients()).isEqualTo(1);
  }

  @Test
  void refusesANonsenseLimit() {
    assertThatThrownBy(() -> new RequestRateLimit(0, 5)).hasMessageContaining("positive rate");
    assertThatThrownBy(() -> new RequestRateLimit(Double.NaN, 5)).hasMessageContaining("positive rate");
    assertThatThrownBy(() -> new RequestRateLimit(1, 0)).hasMessageContaining("burst of at least 1");
  }
}
