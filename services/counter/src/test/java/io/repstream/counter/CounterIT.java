package io.repstream.counter;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.repstream.broker.EmbeddedKafkaBroker;
import io.repstream.common.kafka.AvroSerde;
import io.repstream.common.kafka.Topic;
import io.repstream.counter.synthetic.SyntheticParticipant;
import io.repstream.schemas.Prediction;
import io.repstream.schemas.RepEvent;
import io.repstream.schemas.RepKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The counter against a real (embedded) Kafka broker, exactly-once on. */
class CounterIT {
  /** Stream state of the counters this test starts; JUnit deletes it afterwards. */
  @TempDir Path scratch;
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final Duration SETTLE = Duration.ofMillis(1500);
  private static final int LOG_TAIL_LINES = 40;
  private static EmbeddedKafkaBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedKafkaBroker.startDefault();
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  private static CounterConfig config(String prefix, Path stateDir) {
    return CounterConfig.withOverrides(settings(prefix, stateDir));
  }

  private static Map<String, String> settings(String prefix, Path stateDir) {
    Map<String, String> o = new HashMap<>();
    o.put("kafka.bootstrap.servers", broker.bootstrapServers());
    o.put("topics.prefix", prefix);
    o.put("topics.partitions", "2");
    o.put("counter.application.id", prefix + "counter");
    o.put("counter.state.dir", stateDir.toString());
    o.put("counter.http.port", "0");
    // A killed instance never says goodbye: let the group notice within seconds, not the default 45.
    o.put("kafka.session.timeout.ms", "6000");
    o.put("kafka.heartbeat.interval.ms", "1000");
    return o;
  }

  private static String tail(Path log, int lines) throws java.io.IOException {
    List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  private static String prefix() {
    return "it-" + UUID.randomUUID().toString().substring(0, 8) + ".";
  }

  private static KafkaProducer<String, byte[]> producer() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }

  private static void send(KafkaProducer<String, byte[]> producer, CounterConfig c, Prediction p) {
    String topic = c.topics().name(Topic.PREDICTIONS);
    producer.send(new ProducerRecord<>(topic, null, p.getCaptureTime().toEpochMilli(), p.getParticipantId(),
        AvroSerde.prediction().serialize(topic, p)));
  }

  /** Reads a whole topic as a read-committed consumer until {@code done} holds for what was read. */
  private static List<ConsumerRecord<String, byte[]>> readUntil(String topic, Predicate<List<ConsumerRecord<String, byte[]>>> done,
      Duration timeout) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = new ArrayList<>();
      for (PartitionInfo info : consumer.partitionsFor(topic)) {
        parts.add(new TopicPartition(topic, info.partition()));
      }
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      Instant deadline = Instant.now().plus(timeout);
      while (!done.test(out) && Instant.now().isBefore(deadline)) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }

  private static List<RepEvent> counted(List<ConsumerRecord<String, byte[]>> records) {
    return records.stream().map(r -> AvroSerde.repEvent().deserialize("rep-events", r.value()))
        .filter(e -> e.getKind() == RepKind.COUNTED).toList();
  }

  private static Predicate<List<ConsumerRecord<String, byte[]>>> countedAtLeast(int n) {
    return records -> counted(records).size() >= n;
  }

  @Test
  void countsFromTheBrokerServesStatusesAndDeadLettersGarbage() throws Exception {
    String prefix = prefix();
    CounterConfig c = config(prefix, Files.createDirectory(scratch.resolve("counter-it")));
    Instant start = Instant.now().minusSeconds(120);
    SyntheticParticipant a = new SyntheticParticipant("yoga-7", "uma", start, SyntheticParticipant.DEFAULT_FPS, 1);
    SyntheticParticipant b = new SyntheticParticipant("yoga-7", "vic", start, SyntheticParticipant.DEFAULT_FPS, 2);
    a.stand("squat", SETTLE).reps("squat", 8, Duration.ofMillis(2000)).stand("squat", SETTLE);
    b.stand("push_up", SETTLE).reps("push_up", 11, Duration.ofMillis(1500)).stand("push_up", SETTLE);
    try (CounterService service = CounterService.start(c, new SimpleMeterRegistry());
        KafkaProducer<String, byte[]> producer = producer()) {
      List<Prediction> all = new ArrayList<>(a.predictions());
      all.addAll(b.predictions());
      all.sort(Comparator.comparing(Prediction::getCaptureTime));
      String topic = c.topics().name(Topic.PREDICTIONS);
      producer.send(new ProducerRecord<>(topic, "uma", "garbage, not Avro".getBytes(StandardCharsets.UTF_8)));
      all.forEach(p -> send(producer, c, p));
      producer.flush();

      List<RepEvent> reps = counted(readUntil(c.topics().name(Topic.REP_EVENTS), countedAtLeast(19), WAIT));
      assertThat(reps.stream().filter(r -> r.getParticipantId().equals("uma")).count()).isEqualTo(8);
      assertThat(reps.stream().filter(r -> r.getParticipantId().equals("vic")).count()).isEqualTo(11);

      List<ConsumerRecord<String, byte[]>> dead = readUntil(c.topics().name(Topic.DEAD_LETTERS), r -> !r.isEmpty(), WAIT);
      assertThat(dead).hasSize(1);
      assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("garbage, not Avro");

      String json = "";
      Instant deadline = Instant.now().plus(WAIT);
      while (Instant.now().isBefore(deadline) && !(json.contains("\"squat\": 8") && json.contains("\"push_up\": 11"))) {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + service.queryPort() + "/classes/yoga-7/participants")).build(),
            HttpResponse.BodyHandlers.ofString());
        json = r.statusCode() == 200 ? r.body() : "";
        Thread.sleep(200);
      }
      assertThat(json).contains("\"participantId\": \"uma\"", "\"participantId\": \"vic\"", "\"squat\": 8",
          "\"push_up\": 11");
      HttpResponse<String> other = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://localhost:" + service.queryPort() + "/classes/another/participants")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(other.body()).isEqualTo("[]");
    }
  }

  @Test
  void aRestartMidSequenceLosesNoRepAndCountsNoneTwice() throws Exception {
    String prefix = prefix();
    Instant start = Instant.now().minusSeconds(120);
    List<SyntheticParticipant> people = new ArrayList<>();
    int total = 0;
    for (int i = 0; i < 4; i++) {
      SyntheticParticipant s = new SyntheticParticipant("hiit-3", "p" + i, start, SyntheticParticipant.DEFAULT_FPS, 10 + i);
      s.stand("squat", SETTLE).reps("squat", 15 + i, Duration.ofMillis(1500)).stand("squat", SETTLE);
      total += s.truth("squat");
      people.add(s);
    }
    List<Prediction> all = new ArrayList<>();
    people.forEach(s -> all.addAll(s.predictions()));
    all.sort(Comparator.comparing(Prediction::getCaptureTime));
    int half = all.size() / 2;

    Path firstState = Files.createDirectory(scratch.resolve("counter-it-a"));
    CounterConfig first = config(prefix, firstState);
    try (KafkaProducer<String, byte[]> producer = producer()) {
      try (CounterService service = CounterService.start(first, new SimpleMeterRegistry())) {
        all.subList(0, half).forEach(p -> send(producer, first, p));
        producer.flush();
        assertThat(service.running()).isTrue();
        assertThat(counted(readUntil(first.topics().name(Topic.REP_EVENTS), countedAtLeast(total / 3), WAIT)))
            .hasSizeGreaterThanOrEqualTo(total / 3);
        // Keep frames coming while the instance goes down, so it stops in the middle of the stream.
        all.subList(half, half + 200).forEach(p -> send(producer, first, p));
      }
      // A fresh state directory: the second instance must rebuild every participant from the changelog.
      CounterConfig second = config(prefix, Files.createDirectory(scratch.resolve("counter-it-b")));
      try (CounterService service = CounterService.start(second, new SimpleMeterRegistry())) {
        all.subList(half + 200, all.size()).forEach(p -> send(producer, second, p));
        producer.flush();
        assertThat(service.running()).isTrue();
        int expected = total;
        List<RepEvent> reps = counted(readUntil(second.topics().name(Topic.REP_EVENTS), countedAtLeast(expected), WAIT));
        // Anything counted twice would show up a moment later: read again after more commits have gone by.
        Thread.sleep(3_000);
        reps = counted(readUntil(second.topics().name(Topic.REP_EVENTS), countedAtLeast(expected + 1), Duration.ofSeconds(5)));
        Set<String> unique = new HashSet<>();
        for (RepEvent r : reps) {
          unique.add(r.getParticipantId() + "/" + r.getSetNumber() + "/" + r.getRepNumber());
        }
        assertThat(unique).hasSize(reps.size());
        for (SyntheticParticipant s : people) {
          assertThat(reps.stream().filter(r -> r.getParticipantId().equals(s.participantId())).count())
              .as("reps of %s", s.participantId()).isEqualTo(s.truth("squat"));
        }
      }
    }
  }

  @Test
  void eitherOfTwoInstancesAnswersForTheWholeClass() throws Exception {
    String prefix = prefix();
    Instant start = Instant.now().minusSeconds(120);
    List<Prediction> all = new ArrayList<>();
    int participants = 6;
    for (int i = 0; i < participants; i++) {
      SyntheticParticipant s = new SyntheticParticipant("spin-1", "r" + i, start, SyntheticParticipant.DEFAULT_FPS, 30 + i);
      s.stand("squat", SETTLE).reps("squat", 2 + i, Duration.ofMillis(1500)).stand("squat", SETTLE);
      all.addAll(s.predictions());
    }
    CounterConfig a = config(prefix, Files.createDirectory(scratch.resolve("counter-it-x")));
    CounterConfig b = config(prefix, Files.createDirectory(scratch.resolve("counter-it-y")));
    try (CounterService first = CounterService.start(a, new SimpleMeterRegistry());
        CounterService second = CounterService.start(b, new SimpleMeterRegistry());
        KafkaProducer<String, byte[]> producer = producer()) {
      all.forEach(p -> send(producer, a, p));
      producer.flush();
      int expected = participants * 2 + participants * (participants - 1) / 2;
      assertThat(counted(readUntil(a.topics().name(Topic.REP_EVENTS), countedAtLeast(expected), WAIT))).hasSize(expected);
      for (CounterService asked : List.of(first, second)) {
        String json = "";
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline) && json.split("\"participantId\"").length - 1 < participants) {
          HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://localhost:" + asked.queryPort() + "/classes/spin-1/participants")).build(),
              HttpResponse.BodyHandlers.ofString());
          json = r.statusCode() == 200 ? r.body() : "";
          Thread.sleep(200);
        }
        for (int i = 0; i < participants; i++) {
          assertThat(json).contains("\"participantId\": \"r" + i + "\"");
        }
      }
      assertThat(first.streams().metadataForAllStreamsClients()).hasSize(2);
      int owned = 0;
      for (CounterService asked : List.of(first, second)) {
        String local = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + asked.queryPort() + "/local/classes/spin-1/participants")).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        int mine = local.split("\"participantId\"").length - 1;
        assertThat(mine).as("each instance owns some of the class").isBetween(1, participants - 1);
        owned += mine;
      }
      assertThat(owned).isEqualTo(participants);
    }
  }

  @Test
  void aKilledInstanceLosesNoRepAndCountsNoneTwice() throws Exception {
    String prefix = prefix();
    Instant start = Instant.now().minusSeconds(120);
    List<SyntheticParticipant> people = new ArrayList<>();
    int total = 0;
    for (int i = 0; i < 3; i++) {
      SyntheticParticipant s = new SyntheticParticipant("box-2", "k" + i, start, SyntheticParticipant.DEFAULT_FPS, 50 + i);
      s.stand("push_up", SETTLE).reps("push_up", 14 + i, Duration.ofMillis(1500)).stand("push_up", SETTLE);
      total += s.truth("push_up");
      people.add(s);
    }
    List<Prediction> all = new ArrayList<>();
    people.forEach(s -> all.addAll(s.predictions()));
    all.sort(Comparator.comparing(Prediction::getCaptureTime));
    int half = all.size() / 2;

    Map<String, String> first = settings(prefix, Files.createDirectory(scratch.resolve("counter-it-killed")));
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-cp", System.getProperty("java.class.path"), CounterProcessMain.class.getName()));
    first.forEach((k, v) -> command.add(k + "=" + v));
    Path log = scratch.resolve("counter-killed.log");
    Process victim = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    CounterConfig c = CounterConfig.withOverrides(first);
    try (KafkaProducer<String, byte[]> producer = producer()) {
      try {
        all.subList(0, half).forEach(p -> send(producer, c, p));
        producer.flush();
        List<RepEvent> firstCounts = counted(readUntil(c.topics().name(Topic.REP_EVENTS), countedAtLeast(total / 3), WAIT));
        // The build log shows only this message, and the instance's own log is gone with the test's folder.
        assertThat(firstCounts).as("the first instance counts; the end of its log:%n%s", tail(log, LOG_TAIL_LINES))
            .hasSizeGreaterThanOrEqualTo(total / 3);
        all.subList(half, half + 150).forEach(p -> send(producer, c, p));
        producer.flush();
      } finally {
        // SIGKILL: no commit, no goodbye; whatever it had in flight is in an open transaction.
        victim.destroyForcibly().waitFor();
      }
      CounterConfig second = config(prefix, Files.createDirectory(scratch.resolve("counter-it-survivor")));
      try (CounterService service = CounterService.start(second, new SimpleMeterRegistry())) {
        all.subList(half + 150, all.size()).forEach(p -> send(producer, second, p));
        producer.flush();
        assertThat(service.running()).isTrue();
        counted(readUntil(second.topics().name(Topic.REP_EVENTS), countedAtLeast(total), WAIT));
        Thread.sleep(3_000);
        List<RepEvent> reps = counted(readUntil(second.topics().name(Topic.REP_EVENTS), countedAtLeast(total + 1),
            Duration.ofSeconds(5)));
        Set<String> unique = new HashSet<>();
        for (RepEvent r : reps) {
          unique.add(r.getParticipantId() + "/" + r.getSetNumber() + "/" + r.getRepNumber());
        }
        assertThat(unique).hasSize(reps.size());
        for (SyntheticParticipant s : people) {
          assertThat(reps.stream().filter(r -> r.getParticipantId().equals(s.participantId())).count())
              .as("reps of %s", s.participantId()).isEqualTo(s.truth("push_up"));
        }
      }
    }
  }
}
