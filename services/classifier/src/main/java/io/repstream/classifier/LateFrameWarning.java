package io.repstream.classifier;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Tells the operator, at most once per interval, that a worker is skipping frames because they reached it too
 * late. The skips keep counts live, but a worker that sheds all the time means the class needs more classifier
 * capacity, and a metric alone is easy to miss when nobody watches a dashboard of the classifier.
 */
final class LateFrameWarning {
  private final Duration interval;
  private final Duration maxFrameAge;
  private Instant lastWarned;
  private long skippedSince;

  LateFrameWarning(Duration interval, Duration maxFrameAge) {
    this.interval = interval;
    this.maxFrameAge = maxFrameAge;
  }

  /**
   * Records {@code frames} skipped at {@code now}; returns the warning to log when one is due: on the first skip,
   * then once an interval has passed since the last warning, summing every skip in between.
   */
  Optional<String> skipped(long frames, Instant now) {
    if (frames <= 0) {
      return Optional.empty();
    }
    skippedSince += frames;
    if (lastWarned != null && now.isBefore(lastWarned.plus(interval))) {
      return Optional.empty();
    }
    String since = lastWarned == null ? "" : " in the last " + Duration.between(lastWarned, now).toSeconds() + " s";
    String message = "Falling behind: skipped " + skippedSince + " frame(s)" + since + " that reached the classifier"
        + " more than " + maxFrameAge.toMillis() + " ms after ingest (classifier.max.frame.age); counts stay live, but"
        + " the class needs more classifier capacity: more workers or machines (classifier.workers), or a lighter"
        + " pose model (classifier.pose.model=lightning)";
    lastWarned = now;
    skippedSince = 0;
    return Optional.of(message);
  }
}
