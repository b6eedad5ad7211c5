package io.repstream.counter.topology;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.repstream.common.files.ScratchFolder;
import io.repstream.common.kafka.AvroSerde;
import io.repstream.common.kafka.Topic;
import io.repstream.counter.CounterConfig;
import io.repstream.counter.catalogue.ExerciseCatalogue;
import io.repstream.schemas.ParticipantStatus;
import io.repstream.schemas.Prediction;
import io.repstream.schemas.RepEvent;
import io.repstream.schemas.RepKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/** The counter topology in a TopologyTestDriver, fed predictions with a wall clock that follows their capture times. */
final class CounterDriver implements AutoCloseable {
  static final Instant WALL_START = Instant.parse("2026-11-23T18:00:00Z");

  final CounterConfig config;
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final TopologyTestDriver driver;
  private final TestInputTopic<String, Prediction> predictions;
  private final TestInputTopic<String, byte[]> rawPredictions;
  private final TestOutputTopic<String, RepEvent> repTopic;
  private final TestOutputTopic<String, ParticipantStatus> statusTopic;
  private final List<RepEvent> reps = new ArrayList<>();
  private final List<ParticipantStatus> statusHistory = new ArrayList<>();
  private long newestCapture = Long.MIN_VALUE;
  /** The state folder this driver made for itself (none when the test gave one), deleted on close. */
  private ScratchFolder ownStateFolder;

  CounterDriver() {
    this(Map.of());
  }

  CounterDriver(Map<String, String> overrides) {
    Map<String, String> settings = new HashMap<>(overrides);
    if (!settings.containsKey("counter.state.dir")) {
      try {
        ownStateFolder = ScratchFolder.create("counter-ttd");
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
      settings.put("counter.state.dir", ownStateFolder.path().toString());
    }
    config = CounterConfig.withOverrides(settings);
    driver = new TopologyTestDriver(RepCountingTopology.build(config, ExerciseCatalogue.standard(), meters),
        RepCountingTopology.streamsProperties(config, 0), WALL_START);
    String in = config.topics().name(Topic.PREDICTIONS);
    predictions = driver.createInputTopic(in, Serdes.String().serializer(), AvroSerde.prediction().serializer());
    rawPredictions = driver.createInputTopic(in, Serdes.String().serializer(), new ByteArraySerializer());
    repTopic = driver.createOutputTopic(config.topics().name(Topic.REP_EVENTS), Serdes.String().deserializer(),
        AvroSerde.repEvent().deserializer());
    statusTopic = driver.createOutputTopic(config.topics().name(Topic.PARTICIPANT_STATUS),
        Serdes.String().deserializer(), AvroSerde.participantStatus().deserializer());
  }

  /** Pipes predictions in the given (arrival) order; the wall clock advances as capture time does. */
  CounterDriver pipe(List<Prediction> ps) {
    for (Prediction p : ps) {
      long capture = p.getCaptureTime().toEpochMilli();
      if (newestCapture != Long.MIN_VALUE && capture > newestCapture) {
        driver.advanceWallClockTime(Duration.ofMillis(capture - newestCapture));
      }
      newestCapture = Math.max(newestCapture, capture);
      predictions.pipeInput(p.getParticipantId(), p, capture);
    }
    collect();
    return this;
  }

  CounterDriver pipeRaw(String key, byte[] value) {
    rawPredictions.pipeInput(key, value);
    return this;
  }

  /** Lets wall-clock time pass with no frames (punctuations run). */
  CounterDriver idle(Duration d) {
    driver.advanceWallClockTime(d);
    collect();
    return this;
  }

  /** Lets enough wall-clock time pass for the reorder buffer to be counted out, not enough for a stream-down. */
  CounterDriver settle() {
    return idle(config.counting().reorderGrace().plus(config.punctuateInterval()));
  }

  private void collect() {
    reps.addAll(repTopic.readValuesToList());
    statusHistory.addAll(statusTopic.readValuesToList());
  }

  List<RepEvent> reps() {
    collect();
    return reps;
  }

  List<RepEvent> reps(String participant, RepKind kind) {
    return reps().stream().filter(r -> r.getParticipantId().equals(participant) && r.getKind() == kind).toList();
  }

  Map<String, Integer> counted(String participant) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (RepEvent r : reps(participant, RepKind.COUNTED)) {
      m.merge(r.getExercise(), 1, Integer::sum);
    }
    return m;
  }

  List<ParticipantStatus> statuses(String participant) {
    collect();
    return statusHistory.stream().filter(s -> s.getParticipantId().equals(participant)).toList();
  }

  ParticipantStatus latestStatus(String participant) {
    List<ParticipantStatus> s = statuses(participant);
    return s.isEmpty() ? null : s.get(s.size() - 1);
  }

  ParticipantStatus storedStatus(String participant) {
    KeyValueStore<String, ParticipantStatus> store = driver.getKeyValueStore(RepCountingTopology.STATUS_STORE);
    return store.get(participant);
  }

  double meter(String name, String tag, String value) {
    var c = meters.find(name).tag(tag, value).counter();
    return c == null ? 0 : c.count();
  }

  @Override
  public void close() {
    driver.close();
    if (ownStateFolder != null) {
      ownStateFolder.close();
    }
  }
}
