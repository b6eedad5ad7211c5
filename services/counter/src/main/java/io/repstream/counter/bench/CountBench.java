package io.repstream.counter.bench;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.repstream.common.files.ScratchFolder;
import io.repstream.common.kafka.AvroSerde;
import io.repstream.common.kafka.Topic;
import io.repstream.common.kafka.TopicCreator;
import io.repstream.counter.CounterConfig;
import io.repstream.counter.CounterService;
import io.repstream.counter.synthetic.SyntheticParticipant;
import io.repstream.schemas.ParticipantStatus;
import io.repstream.schemas.Prediction;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * {@code repstream bench count}: how many predictions per second one counter stream thread sustains, and how much
 * latency the counter adds, with exactly-once on and, as the peer run, with at-least-once.
 *
 * <ul>
 *   <li>Throughput: a backlog of synthetic predictions (participants doing squats at 15 fps) is written first;
 *       the counter then drains it, timed from its first to its last processed prediction.
 *   <li>Latency: participants then stream live at 15 fps, capture time = send time; for every status the counter
 *       publishes, a read-committed consumer takes the time from the capture of the newest prediction behind it
 *       to its arrival: producer, broker, counter and transaction commit included.
 * </ul>
 * Each run uses its own topics and application id, so runs never see each other's data.
 */
public final class CountBench {
  private static final double FPS = SyntheticParticipant.DEFAULT_FPS;
  private static final Duration REP = Duration.ofMillis(2000);
  private static final Duration STAND = Duration.ofSeconds(1);
  private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final double P50 = 0.50;
  private static final double P99 = 0.99;
  private static final long NANOS_PER_MILLI = 1_000_000;

  /** What one run measured. */
  public record Result(String guarantee, long predictions, double predictionsPerSecond, int latencySamples,
      double p50Millis, double p99Millis) {
    @Override
    public String toString() {
      return String.format("%-16s %,10d predictions  %,10.0f predictions/s  latency p50 %6.1f ms  p99 %6.1f ms  (%d statuses)",
          guarantee, predictions, predictionsPerSecond, p50Millis, p99Millis, latencySamples);
    }
  }

  /** Parameters of a run: participants, how much backlog each, how long the live part lasts. */
  public record Options(int participants, Duration backlogPerParticipant, Duration live) {
    public static Options defaults() {
      return new Options(40, Duration.ofSeconds(90), Duration.ofSeconds(20));
    }
  }

  private CountBench() {}

  /** Runs exactly-once, then at-least-once, against the broker in {@code base}; prints and returns both results. */
  public static List<Result> run(CounterConfig base, Options options, PrintStream out) throws Exception {
    List<Result> results = new ArrayList<>();
    for (String guarantee : List.of(StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE)) {
      Result r = runOne(base, guarantee, options);
      out.println(r);
      results.add(r);
    }
    return results;
  }

  private static Result runOne(CounterConfig base, String guarantee, Options options) throws Exception {
    try (ScratchFolder state = ScratchFolder.create("repstream-count-bench")) {
      return measure(isolated(base, guarantee, state.path()), guarantee, options);
    }
  }

  private static Result measure(CounterConfig config, String guarantee, Options options) throws Exception {
    try (Admin admin = Admin.create(config.kafka().clientProperties())) {
      TopicCreator.ensure(admin, config.topics());
    }
    List<Prediction> backlog = script(options.participants(), options.backlogPerParticipant(),
        Instant.now().minus(options.backlogPerParticipant()).minusSeconds(10), "backlog");
    try (KafkaProducer<String, byte[]> producer = producer(config)) {
      backlog.forEach(p -> send(producer, config, p));
      producer.flush();
    }
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (CounterService service = CounterService.start(config, meters)) {
      double perSecond = drain(meters, backlog.size());
      if (!service.running()) {
        throw new IllegalStateException("the counter stopped during the backlog: " + service.streams().state());
      }
      long[] latencies = live(config, options);
      Arrays.sort(latencies);
      return new Result(guarantee, backlog.size(), perSecond, latencies.length,
          percentile(latencies, P50) / (double) NANOS_PER_MILLI, percentile(latencies, P99) / (double) NANOS_PER_MILLI);
    }
  }

  private static CounterConfig isolated(CounterConfig base, String guarantee, Path state) {
    String run = "bench-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, String> o = new HashMap<>();
    o.put("kafka.bootstrap.servers", base.kafka().bootstrapServers());
    o.put("topics.prefix", run + ".");
    o.put("counter.application.id", run);
    o.put("counter.state.dir", state.toString());
    o.put("counter.stream.threads", "1");
    o.put("counter.http.port", "0");
    o.put("counter.processing.guarantee", guarantee);
    o.put("counter.commit.interval", base.commitInterval().toMillis() + "ms");
    return CounterConfig.withOverrides(o);
  }

  private static List<Prediction> script(int participants, Duration length, Instant start, String tag) {
    List<Prediction> all = new ArrayList<>();
    long reps = (length.toMillis() - 2 * STAND.toMillis()) / REP.toMillis();
    for (int i = 0; i < participants; i++) {
      SyntheticParticipant s = new SyntheticParticipant("bench", tag + "-" + i, start, FPS, i);
      s.stand("squat", STAND).reps("squat", (int) Math.max(1, reps), REP).stand("squat", STAND);
      all.addAll(s.predictions());
    }
    all.sort(Comparator.comparing(Prediction::getCaptureTime));
    return all;
  }

  /** Waits for the counter to take every backlog prediction; returns predictions per second while it worked. */
  private static double drain(SimpleMeterRegistry meters, long expected) throws InterruptedException {
    long first = 0;
    long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      long seen = processed(meters);
      if (seen > 0 && first == 0) {
        first = System.nanoTime();
      }
      if (seen >= expected) {
        double seconds = (System.nanoTime() - first) / 1e9;
        return (expected - 1) / seconds;
      }
      Thread.sleep(1);
    }
    throw new IllegalStateException("the counter took only " + processed(meters) + " of " + expected
        + " predictions within " + DRAIN_TIMEOUT);
  }

  private static long processed(SimpleMeterRegistry meters) {
    return (long) meters.find("repstream.counter.predictions").counters().stream().mapToDouble(Counter::count).sum();
  }

  /** Streams live predictions in real time and collects the capture-to-status latency of each status published. */
  private static long[] live(CounterConfig config, Options options) throws Exception {
    Instant start = Instant.now().plusSeconds(1);
    List<Prediction> script = script(options.participants(), options.live(), start, "live");
    List<Long> latencies = new ArrayList<>();
    AtomicBoolean sending = new AtomicBoolean(true);
    Thread reader = new Thread(() -> readStatuses(config, start, sending, latencies), "bench-status-reader");
    reader.start();
    try (KafkaProducer<String, byte[]> producer = producer(config)) {
      for (Prediction p : script) {
        long wait = p.getCaptureTime().toEpochMilli() - System.currentTimeMillis();
        if (wait > 0) {
          Thread.sleep(wait);
        }
        send(producer, config, p);
      }
      producer.flush();
    }
    Thread.sleep(Duration.ofSeconds(2).toMillis());
    sending.set(false);
    reader.join();
    synchronized (latencies) {
      return latencies.stream().mapToLong(Long::longValue).toArray();
    }
  }

  private static void readStatuses(CounterConfig config, Instant from, AtomicBoolean running, List<Long> latencies) {
    Properties p = config.kafka().clientProperties();
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    String topic = config.topics().name(Topic.PARTICIPANT_STATUS);
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
          .map(i -> new TopicPartition(topic, i.partition())).toList();
      consumer.assign(parts);
      consumer.seekToEnd(parts);
      AvroSerde<ParticipantStatus> serde = AvroSerde.participantStatus();
      while (running.get()) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
          long arrived = System.currentTimeMillis();
          ParticipantStatus s = serde.deserialize(topic, r.value());
          long captured = s.getLastEventTime().toEpochMilli();
          if (captured >= from.toEpochMilli() && s.getState() != io.repstream.schemas.ParticipantState.STREAM_DOWN) {
            synchronized (latencies) {
              latencies.add((arrived - captured) * NANOS_PER_MILLI);
            }
          }
        }
      }
    }
  }

  private static KafkaProducer<String, byte[]> producer(CounterConfig config) {
    Properties p = config.kafka().clientProperties();
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }

  private static void send(KafkaProducer<String, byte[]> producer, CounterConfig config, Prediction p) {
    String topic = config.topics().name(Topic.PREDICTIONS);
    producer.send(new ProducerRecord<>(topic, null, p.getCaptureTime().toEpochMilli(), p.getParticipantId(),
        AvroSerde.prediction().serialize(topic, p)));
  }

  private static long percentile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }
}
