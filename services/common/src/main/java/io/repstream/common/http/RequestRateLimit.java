package io.repstream.common.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * How many requests each client of an HTTP API may make: a token bucket per client (by address) that
 * refills at {@code perSecond} and holds at most {@code burst}. A client over its limit is told how many
 * seconds to wait (the HTTP Retry-After), and other clients are not slowed by it.
 */
public final class RequestRateLimit {
  /** Buckets kept before idle (full) ones are forgotten, so many distinct addresses cannot exhaust memory. */
  static final int MAX_TRACKED_CLIENTS = 10_000;
  private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

  private final double perSecond;
  private final double burst;
  private final LongSupplier nanoClock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  private static final class Bucket {
    double tokens;
    long refilledAt;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.refilledAt = now;
    }
  }

  public RequestRateLimit(double perSecond, int burst) {
    this(perSecond, burst, System::nanoTime);
  }

  RequestRateLimit(double perSecond, int burst, LongSupplier nanoClock) {
    if (!(perSecond > 0) || burst < 1) {
      throw new IllegalArgumentException("a rate limit needs a positive rate and a burst of at least 1, got " + perSecond + "/s and " + burst);
    }
    this.perSecond = perSecond;
    this.burst = burst;
    this.nanoClock = nanoClock;
  }

  /** Takes one request from {@code client}'s allowance: 0 if allowed, else the whole seconds to wait (at least 1). */
  public long acquire(String client) {
    long now = nanoClock.getAsLong();
    if (buckets.size() >= MAX_TRACKED_CLIENTS) {
      forgetIdle(now);
    }
    Bucket b = buckets.computeIfAbsent(client, c -> new Bucket(burst, now));
    synchronized (b) {
      refill(b, now);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return 0;
      }
      return Math.max(1, (long) Math.ceil((1 - b.tokens) / perSecond));
    }
  }

  int trackedClients() {
    return buckets.size();
  }

  private void refill(Bucket b, long now) {
    double earned = (now - b.refilledAt) * perSecond / NANOS_PER_SECOND;
    b.tokens = Math.min(burst, b.tokens + earned);
    b.refilledAt = now;
  }

  /** A full bucket is the same as no bucket, so dropping it forgets nothing. */
  private void forgetIdle(long now) {
    buckets.entrySet().removeIf(e -> {
      synchronized (e.getValue()) {
        refill(e.getValue(), now);
        return e.getValue().tokens >= burst;
      }
    });
  }
}
