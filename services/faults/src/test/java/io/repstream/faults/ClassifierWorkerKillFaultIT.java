package io.repstream.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.repstream.broker.EmbeddedKafkaBroker;
import io.repstream.classifier.ClassifierConfig;
import io.repstream.classifier.ClassifierService;
import io.repstream.common.config.Settings;
import io.repstream.common.kafka.AvroSerde;
import io.repstream.common.kafka.Topic;
import io.repstream.common.kafka.TopicCreator;
import io.repstream.counter.CounterConfig;
import io.repstream.counter.CounterService;
import io.repstream.schemas.Frame;
import io.repstream.schemas.Prediction;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Injects: of two classifier processes sharing a four-partition frames topic, one is killed with SIGKILL in the
 * middle of the class: no commit, no goodbye, whatever batch it had read but not committed still open.
 * Proves: the survivor takes the dead worker's partitions over and every frame gets a prediction (the shedding
 * policy is off here, by a one-hour frame age, so none may be skipped; ClassifierWorkerIT proves the shedding
 * itself); predictions published twice (redelivery after the kill) are absorbed by the counter: its rep events
 * have no rep twice and equal those of a reference counter fed each prediction exactly once.
 */
class ClassifierWorkerKillFaultIT {
  /** Stream state of the counters this test starts; JUnit deletes it afterwards. */
  @TempDir Path scratch;
  private static final Duration WAIT = Duration.ofSeconds(150);
  /** The counter commits every 100 ms and holds frames for a 500 ms reorder grace; quiet this long, it is done. */
  private static final Duration QUIET = Duration.ofSeconds(3);
  private static final List<String> PEOPLE = List.of("hal", "ivy", "jon");
  private static final String SCRIPT = "squat:3";
  private static final double FPS = 6;
  private static final int FRAME_PARTITIONS = 4;

  @Test
  void aKilledWorkersFramesAreAllPredictedAndNoRepIsCountedTwice() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startDefault()) {
      String bootstrap = broker.bootstrapServers();
      String prefix = CounterSettings.uniquePrefix();
      Map<String, String> settings = new HashMap<>();
      settings.put("kafka.bootstrap.servers", bootstrap);
      settings.put("topics.prefix", prefix);
      settings.put("topics.partitions", Integer.toString(FRAME_PARTITIONS));
      settings.put("classifier.group.id", prefix + "classifier");
      settings.put("classifier.batch.size", "4");
      // One worker per process, so killing a process kills exactly one member of the group.
      settings.put("classifier.workers", "1");
      settings.put("classifier.batch.max.wait", "30ms");
      settings.put("classifier.max.frame.age", "1h");
      settings.put("classifier.metrics.port", "0");
      // The dead worker's partitions move once the group misses its heartbeats: seconds, not the default 45.
      settings.put("kafka.session.timeout.ms", "6000");
      settings.put("kafka.heartbeat.interval.ms", "1000");
      ClassifierConfig config = ClassifierConfig.from(Settings.of(settings));
      try (Admin admin = Admin.create(config.kafka().clientProperties())) {
        TopicCreator.ensure(admin, config.topics());
      }
      // The victim loads its models while the frames are rendered.
      Process victim = startVictim(settings);
      try (AutoCloseable killed = victim::destroyForcibly) {
        Instant start = Instant.now().minusSeconds(120);
        // One rendered mannequin for everyone: rendering is slow on two cores, and who does what does not matter here.
        SynthFrames.Rendered rendered = SynthFrames.render("spin-5", PEOPLE.get(0), SCRIPT, 41, FPS, start);
        List<Frame> frames = new ArrayList<>();
        for (String who : PEOPLE) {
          rendered.frames().forEach(f -> frames.add(Frame.newBuilder(f).setParticipantId(who).setStreamId("stream-" + who).build()));
        }
        publish(config, frames);

        String predictions = config.topics().name(Topic.PREDICTIONS);
        CounterConfig counting = CounterSettings.config(bootstrap, prefix, Files.createDirectory(scratch.resolve("fault-kill-counter")));
        try (CounterService counter = CounterService.start(counting, new SimpleMeterRegistry())) {
          ClassifierService survivor = new ClassifierService(config, new SimpleMeterRegistry());
          awaitReady(victim);
          readPredictions(bootstrap, predictions, frames.size() / 8);
          survivor.start();
          try {
            readPredictions(bootstrap, predictions, frames.size() / 3);
            victim.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            List<Prediction> got = readPredictions(bootstrap, predictions, p -> distinct(p).size() >= frames.size());
            Map<String, Integer> seen = new LinkedHashMap<>();
            got.forEach(p -> seen.merge(p.getParticipantId() + "#" + p.getSequence(), 1, Integer::sum));
            long lostFrames = frames.stream().filter(f -> !seen.containsKey(f.getParticipantId() + "#" + f.getSequence())).count();
            long duplicatedPredictions = got.size() - seen.size();
            new ReliabilityRow("classifier worker killed (SIGKILL) mid-class, 1 of 2", "frames", frames.size(), got.size(),
                lostFrames, duplicatedPredictions, getClass()).report(getClass().getSimpleName() + "-predictions");
            assertThat(lostFrames).as("frames without a prediction").isZero();
            assertThat(survivor.alive()).isTrue();

            // The reference: the same predictions, each exactly once, through a counter of its own.
            String refPrefix = CounterSettings.uniquePrefix();
            CounterConfig reference = CounterSettings.config(bootstrap, refPrefix, Files.createDirectory(scratch.resolve("fault-kill-ref")));
            try (CounterService refCounter = CounterService.start(reference, new SimpleMeterRegistry());
                PredictionFeed feed = new PredictionFeed(bootstrap, reference.topics().name(Topic.PREDICTIONS))) {
              Map<String, Prediction> once = new LinkedHashMap<>();
              got.forEach(p -> once.putIfAbsent(p.getParticipantId() + "#" + p.getSequence(), p));
              feed.send(new ArrayList<>(once.values()));
              feed.flush();
              RepTally expected = settled(bootstrap, reference.topics().name(Topic.REP_EVENTS));
              RepTally actual = settled(bootstrap, counting.topics().name(Topic.REP_EVENTS));
              long lostReps = PEOPLE.stream().mapToLong(p -> Math.max(0, expected.distinct(p) - actual.distinct(p))).sum();
              new ReliabilityRow("... its predictions, redelivered, counted downstream", "predictions", got.size(),
                  actual.counted().size(), lostReps, actual.duplicated(), getClass()).report(getClass().getSimpleName() + "-reps");
              System.out.printf("RELIABILITY reference counter: %d reps from %d predictions (synth truth %d reps)%n",
                  expected.counted().size(), once.size(), PEOPLE.size() * rendered.countedReps());
              assertThat(actual.duplicated()).as("reps counted twice").isZero();
              assertThat(expected.counted()).as("the reference counts something").isNotEmpty();
              for (String p : PEOPLE) {
                assertThat(actual.distinct(p)).as("reps of %s against the reference", p).isEqualTo(expected.distinct(p));
              }
            }
          } finally {
            survivor.close();
          }
        }
      }
    }
  }

  private static void publish(ClassifierConfig config, List<Frame> frames) {
    String topic = config.topics().name(Topic.FRAMES);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config.kafka().clientProperties(),
        new ByteArraySerializer(), new ByteArraySerializer())) {
      for (Frame f : frames) {
        producer.send(new ProducerRecord<>(topic, f.getParticipantId().getBytes(StandardCharsets.UTF_8),
            AvroSerde.frame().serialize(topic, f)));
      }
    }
  }

  private static Process startVictim(Map<String, String> settings) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
        ClassifierProcessMain.class.getName()));
    settings.forEach((k, v) -> command.add(k + "=" + v));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  /** Waits for the victim's ready line, echoing its output so a failure to start is visible in the test log. */
  private static void awaitReady(Process victim) throws Exception {
    BufferedReader out = new BufferedReader(new InputStreamReader(victim.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<Boolean> ready = new CompletableFuture<>();
    Thread echo = new Thread(() -> {
      try {
        String line;
        while ((line = out.readLine()) != null) {
          System.out.println("[victim] " + line);
          if (line.contains(ClassifierProcessMain.READY)) {
            ready.complete(true);
          }
        }
      } catch (Exception e) {
        // The stream closes when the process is killed.
      }
      ready.complete(false);
    }, "victim-output");
    echo.setDaemon(true);
    echo.start();
    assertThat(ready.get(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the victim classifier started").isTrue();
  }

  private static RepTally settled(String bootstrap, String topic) {
    return RepTally.of(TopicReader.readUntilQuiet(bootstrap, topic, QUIET, WAIT));
  }

  private static Set<String> distinct(List<Prediction> all) {
    Set<String> keys = new HashSet<>();
    all.forEach(p -> keys.add(p.getParticipantId() + "#" + p.getSequence()));
    return keys;
  }

  private static List<Prediction> readPredictions(String bootstrap, String topic, int atLeast) {
    return readPredictions(bootstrap, topic, p -> p.size() >= atLeast);
  }

  private static List<Prediction> readPredictions(String bootstrap, String topic,
      Predicate<List<Prediction>> done) {
    List<Prediction> out = new ArrayList<>();
    TopicReader.readUntil(bootstrap, topic, records -> {
      out.clear();
      for (ConsumerRecord<String, byte[]> r : records) {
        out.add(AvroSerde.prediction().deserialize(r.topic(), r.value()));
      }
      return done.test(out);
    }, WAIT);
    return out;
  }
}
