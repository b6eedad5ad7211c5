package io.repstream.ingest.stream;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off with jitter: the n-th retry in a row waits between half and all of
 * {@code min(max, initial * 2^(n-1))}. The jitter keeps a class's cameras, cut by the same network blip,
 * from all reconnecting in the same instant; the lower half-bound keeps a dead source from being hammered.
 */
public final class ReconnectBackoff {
  /** Doubling more often than this overflows long millis long before any sane maximum. */
  private static final int MAX_DOUBLINGS = 30;

  private final long initialMillis;
  private final long maxMillis;

  public ReconnectBackoff(Duration initial, Duration max) {
    this.initialMillis = initial.toMillis();
    this.maxMillis = max.toMillis();
  }

  /** The upper bound of the wait before retry {@code attempt} (1 for the first retry). */
  public long ceilingMillis(int attempt) {
    int doublings = Math.min(MAX_DOUBLINGS, Math.max(0, attempt - 1));
    return Math.min(maxMillis, initialMillis << doublings);
  }

  public long delayMillis(int attempt) {
    long ceiling = ceilingMillis(attempt);
    long half = ceiling / 2;
    return half + ThreadLocalRandom.current().nextLong(ceiling - half + 1);
  }
}
