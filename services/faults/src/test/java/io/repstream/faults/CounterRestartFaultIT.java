package io.repstream.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.repstream.broker.EmbeddedKafkaBroker;
import io.repstream.common.kafka.Topic;
import io.repstream.counter.CounterConfig;
import io.repstream.counter.CounterService;
import io.repstream.schemas.Prediction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Injects: the counter closed in the middle of a class while predictions keep arriving, and a new instance started
 * on an empty state directory, so every participant's counting state must come back from the changelog topics.
 * Proves: with exactly_once_v2 (the counter's default) the rep events a read-committed reader sees match synth's
 * truth rep for rep: none lost, none counted twice.
 */
class CounterRestartFaultIT {
  /** Stream state of the counters this test starts; JUnit deletes it afterwards. */
  @TempDir Path scratch;
  private static final Duration WAIT = Duration.ofSeconds(90);
  /** Anything counted twice would appear after the last expected rep; read once more after this long. */
  private static final Duration LINGER = Duration.ofSeconds(3);
  private static final List<String> PEOPLE = List.of("ada", "bo", "cy");

  @Test
  void aCounterRestartedOnEmptyStateResumesFromItsChangelog() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startDefault()) {
      String prefix = CounterSettings.uniquePrefix();
      SynthClass lesson = new SynthClass("hiit-9", PEOPLE, "squat:8", 11, Instant.now().minusSeconds(300));
      List<Prediction> all = lesson.predictions();
      int firstPart = all.size() * 2 / 5;

      CounterConfig first = CounterSettings.config(broker.bootstrapServers(), prefix, Files.createDirectory(scratch.resolve("fault-counter-a")));
      assertThat(first.processingGuarantee()).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
      String repEvents = first.topics().name(Topic.REP_EVENTS);
      try (PredictionFeed feed = new PredictionFeed(broker.bootstrapServers(), first.topics().name(Topic.PREDICTIONS))) {
        CompletableFuture<Void> rest;
        try (CounterService counter = CounterService.start(first, new SimpleMeterRegistry())) {
          feed.send(all.subList(0, firstPart));
          feed.flush();
          assertThat(RepTally.countedIn(TopicReader.readUntil(broker.bootstrapServers(), repEvents,
              r -> RepTally.countedIn(r) >= PEOPLE.size(), WAIT))).isGreaterThanOrEqualTo(PEOPLE.size());
          // The rest streams in while the counter goes down, so it stops with work in flight.
          rest = CompletableFuture.runAsync(() -> {
            feed.send(all.subList(firstPart, all.size()));
            feed.flush();
          });
        }
        CounterConfig second = CounterSettings.config(broker.bootstrapServers(), prefix,
            Files.createDirectory(scratch.resolve("fault-counter-b")));
        try (CounterService counter = CounterService.start(second, new SimpleMeterRegistry())) {
          rest.get(WAIT.toSeconds(), TimeUnit.SECONDS);
          TopicReader.readUntil(broker.bootstrapServers(), repEvents, r -> RepTally.countedIn(r) >= lesson.truth(), WAIT);
          Thread.sleep(LINGER.toMillis());
          RepTally tally = RepTally.of(TopicReader.readUntil(broker.bootstrapServers(), repEvents,
              r -> RepTally.countedIn(r) > lesson.truth(), LINGER));
          new ReliabilityRow("counter closed mid-class, restarted on an empty state dir", "predictions", feed.sent(),
              tally.counted().size(), tally.lost(lesson), tally.duplicated(), getClass()).report();
          assertThat(counter.running()).isTrue();
          assertThat(tally.duplicated()).as("reps counted twice").isZero();
          for (String p : PEOPLE) {
            assertThat(tally.distinct(p)).as("reps of %s against the truth", p).isEqualTo(lesson.truth(p));
          }
        }
      }
    }
  }
}
