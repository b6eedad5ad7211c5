package io.repstream.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.repstream.broker.EmbeddedKafkaBroker;
import io.repstream.common.kafka.AvroSerde;
import io.repstream.common.kafka.Topic;
import io.repstream.counter.CounterConfig;
import io.repstream.counter.CounterService;
import io.repstream.schemas.ParticipantState;
import io.repstream.schemas.ParticipantStatus;
import io.repstream.schemas.Phase;
import io.repstream.schemas.Prediction;
import io.repstream.synth.motion.FrameTruth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Injects: a participant who leaves the class half-way (their stream stops: no frames at all, long enough for the
 * counter to call the stream down), then rejoins on a new stream whose frame numbers start again at 0, half a
 * minute later in capture time.
 * Proves: the status goes ACTIVE, then STREAM_DOWN with the reps done so far kept, then ACTIVE again on the first
 * frames of the new stream with the same count; at the end the reps equal synth's truth, none lost, none twice.
 */
class ParticipantRejoinFaultIT {
  /** Stream state of the counters this test starts; JUnit deletes it afterwards. */
  @TempDir Path scratch;
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Duration LINGER = Duration.ofSeconds(3);
  private static final String WHO = "gus";
  private static final int REPS_BEFORE_LEAVING = 5;
  /** How long the participant is away, in capture time: long enough that their next reps open a new set. */
  private static final Duration AWAY = Duration.ofSeconds(30);

  @Test
  void aParticipantWhoLeavesAndRejoinsKeepsTheirCountAndIsActiveAgain() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startDefault()) {
      String bootstrap = broker.bootstrapServers();
      String prefix = CounterSettings.uniquePrefix();
      Map<String, String> settings = CounterSettings.of(bootstrap, prefix, Files.createDirectory(scratch.resolve("fault-rejoin")));
      // A short down time keeps the test short; the default 5 s would behave the same, only later.
      settings.put("counter.stream.down.after", "2s");
      settings.put("counter.punctuate.interval", "200ms");
      CounterConfig config = CounterConfig.withOverrides(settings);
      SynthClass lesson = new SynthClass("pilates-2", List.of(WHO), "squat:10", 31, Instant.now().minusSeconds(300));
      List<Prediction> all = lesson.predictions(WHO);
      int leaveAt = firstTopFrameAfter(lesson.frames(WHO), REPS_BEFORE_LEAVING);
      String statusTopic = config.topics().name(Topic.PARTICIPANT_STATUS);
      String repEvents = config.topics().name(Topic.REP_EVENTS);

      try (CounterService counter = CounterService.start(config, new SimpleMeterRegistry());
          PredictionFeed feed = new PredictionFeed(bootstrap, config.topics().name(Topic.PREDICTIONS))) {
        feed.send(all.subList(0, leaveAt));
        feed.flush();
        List<ParticipantStatus> gone = statuses(bootstrap, statusTopic,
            s -> s.stream().anyMatch(x -> x.getState() == ParticipantState.STREAM_DOWN));
        ParticipantStatus down = gone.stream().filter(x -> x.getState() == ParticipantState.STREAM_DOWN).findFirst()
            .orElseThrow(() -> new AssertionError("no STREAM_DOWN status after the participant left: " + gone));
        assertThat(squats(down)).as("reps kept while away").isEqualTo(REPS_BEFORE_LEAVING);

        List<Prediction> rejoined = new ArrayList<>();
        for (int i = leaveAt; i < all.size(); i++) {
          Prediction p = all.get(i);
          rejoined.add(Prediction.newBuilder(p).setStreamId("stream-" + WHO + "-rejoined").setSequence(i - leaveAt)
              .setCaptureTime(p.getCaptureTime().plus(AWAY)).setIngestTime(p.getIngestTime().plus(AWAY))
              .setPredictTime(p.getPredictTime().plus(AWAY)).build());
        }
        feed.send(rejoined);
        feed.flush();

        long truth = lesson.truth(WHO);
        TopicReader.readUntil(bootstrap, repEvents, r -> RepTally.countedIn(r) >= truth, WAIT);
        Thread.sleep(LINGER.toMillis());
        RepTally tally = RepTally.of(TopicReader.readUntil(bootstrap, repEvents, r -> RepTally.countedIn(r) > truth, LINGER));
        List<ParticipantStatus> history = statuses(bootstrap, statusTopic, s -> s.stream().anyMatch(x -> squats(x) >= truth));
        new ReliabilityRow("participant leaves (stream stops) and rejoins on a new stream", "predictions",
            feed.sent(), tally.counted().size(), tally.lost(lesson), tally.duplicated(), getClass()).report();

        int downAt = indexOf(history, x -> x.getState() == ParticipantState.STREAM_DOWN);
        ParticipantStatus back = history.get(downAt + 1);
        assertThat(back.getState()).as("the first status after rejoining").isEqualTo(ParticipantState.ACTIVE);
        assertThat(squats(back)).as("reps when back").isGreaterThanOrEqualTo(REPS_BEFORE_LEAVING);
        assertThat(history.stream().mapToInt(ParticipantRejoinFaultIT::squats).max().orElse(0)).isEqualTo((int) truth);
        assertThat(tally.duplicated()).as("reps counted twice").isZero();
        assertThat(tally.distinct(WHO)).as("reps against the truth").isEqualTo(truth);
      }
    }
  }

  /** The first frame at the top after {@code reps} reps: leaving there abandons no rep half done. */
  private static int firstTopFrameAfter(List<FrameTruth> frames, int reps) {
    for (FrameTruth f : frames) {
      if (f.repsDone() >= reps && f.phase() == Phase.TOP && f.repId() < 0) {
        return f.frame();
      }
    }
    throw new IllegalStateException("the sequence has fewer than " + reps + " reps");
  }

  private static int squats(ParticipantStatus s) {
    return s.getRepsByExercise().entrySet().stream().filter(e -> e.getKey().toString().equals("squat"))
        .mapToInt(Map.Entry::getValue).findFirst().orElse(0);
  }

  private static int indexOf(List<ParticipantStatus> history, Predicate<ParticipantStatus> p) {
    for (int i = 0; i < history.size(); i++) {
      if (p.test(history.get(i))) {
        return i;
      }
    }
    throw new AssertionError("no such status in " + history);
  }

  private static List<ParticipantStatus> statuses(String bootstrap, String topic, Predicate<List<ParticipantStatus>> done) {
    List<ParticipantStatus> out = new ArrayList<>();
    TopicReader.readUntil(bootstrap, topic, records -> {
      out.clear();
      for (ConsumerRecord<String, byte[]> r : records) {
        ParticipantStatus s = AvroSerde.participantStatus().deserialize(r.topic(), r.value());
        if (s.getParticipantId().equals(WHO)) {
          out.add(s);
        }
      }
      return done.test(out);
    }, WAIT);
    return out;
  }
}
