package io.repstream.eval.bench;

import io.repstream.common.config.KafkaSettings;
import io.repstream.common.kafka.AvroSerde;
import io.repstream.common.kafka.Topic;
import io.repstream.common.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads what the pipeline writes, as the dashboard would (read_committed), and times each record against the
 * capture time of the frame behind it: frames (JPEG size, capture to ingest), predictions (capture to
 * prediction) and participant statuses (capture of the newest frame behind the status to the moment this
 * reader sees it: what a trainer waits for).
 */
final class PipelineProbe implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(50);
  /** How far back a prediction's arrival is kept for matching to a later status. */
  private static final Duration REMEMBER_PREDICTIONS = Duration.ofSeconds(30);

  /** Latencies in milliseconds and sizes in bytes seen since the last {@link #reset}. */
  static final class Window {
    final List<Long> jpegBytes = new ArrayList<>();
    final List<Long> captureToIngest = new ArrayList<>();
    final List<Long> captureToPrediction = new ArrayList<>();
    final List<Long> captureToStatus = new ArrayList<>();
    /** From this reader seeing a prediction to seeing the first status that reflects it: the counter's share. */
    final List<Long> predictionToStatus = new ArrayList<>();
    long predictions;
    /** Record value bytes per topic name, and records counted, for the broker throughput they need. */
    final Map<String, long[]> recordBytes = new TreeMap<>();

    void bytes(String topic, int size) {
      long[] t = recordBytes.computeIfAbsent(topic, k -> new long[2]);
      t[0] += size;
      t[1]++;
    }
  }

  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;
  private volatile long windowStartMillis = Long.MAX_VALUE;
  private Window window = new Window();

  PipelineProbe(String bootstrap, Topics topics) {
    this.thread = new Thread(() -> read(bootstrap, topics), E2eBench.THREAD_PREFIX + "probe");
    thread.setDaemon(true);
    thread.start();
  }

  /** Starts a new window: records about frames captured before now are not counted. */
  synchronized void reset() {
    window = new Window();
    windowStartMillis = System.currentTimeMillis();
  }

  /** A copy of what the window holds now; the reader thread keeps adding to the original. */
  synchronized Window window() {
    Window copy = new Window();
    copy.jpegBytes.addAll(window.jpegBytes);
    copy.captureToIngest.addAll(window.captureToIngest);
    copy.captureToPrediction.addAll(window.captureToPrediction);
    copy.captureToStatus.addAll(window.captureToStatus);
    copy.predictionToStatus.addAll(window.predictionToStatus);
    copy.predictions = window.predictions;
    window.recordBytes.forEach((k, v) -> copy.recordBytes.put(k, v.clone()));
    return copy;
  }

  private void read(String bootstrap, Topics topics) {
    Properties p = KafkaSettings.bootstrap(bootstrap).clientProperties();
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, E2eBench.THREAD_PREFIX + "probe");
    String frames = topics.name(Topic.FRAMES);
    String predictions = topics.name(Topic.PREDICTIONS);
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> all = new ArrayList<>();
      for (Topic t : List.of(Topic.FRAMES, Topic.PREDICTIONS, Topic.PARTICIPANT_STATUS)) {
        c.partitionsFor(topics.name(t)).forEach(i -> all.add(new TopicPartition(i.topic(), i.partition())));
      }
      c.assign(all);
      c.seekToEnd(all);
      var frameSerde = AvroSerde.frame();
      var predictionSerde = AvroSerde.prediction();
      var statusSerde = AvroSerde.participantStatus();
      // When each participant's recent predictions were seen, by capture time, to time the counter's share.
      Map<String, NavigableMap<Long, Long>> predictionSeen = new HashMap<>();
      while (running.get()) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(POLL)) {
          if (r.value() == null) {
            continue;
          }
          long seen = System.currentTimeMillis();
          int size = r.value().length;
          if (r.topic().equals(frames)) {
            var f = frameSerde.deserialize(r.topic(), r.value());
            long capture = f.getCaptureTime().toEpochMilli();
            add(capture, w -> {
              w.bytes(r.topic(), size);
              w.jpegBytes.add((long) f.getJpeg().remaining());
              w.captureToIngest.add(f.getIngestTime().toEpochMilli() - capture);
            });
          } else if (r.topic().equals(predictions)) {
            var v = predictionSerde.deserialize(r.topic(), r.value());
            long capture = v.getCaptureTime().toEpochMilli();
            NavigableMap<Long, Long> seenByCapture =
                predictionSeen.computeIfAbsent(v.getParticipantId().toString(), k -> new TreeMap<>());
            seenByCapture.putIfAbsent(capture, seen);
            seenByCapture.headMap(capture - REMEMBER_PREDICTIONS.toMillis()).clear();
            add(capture, w -> {
              w.bytes(r.topic(), size);
              w.predictions++;
              w.captureToPrediction.add(v.getPredictTime().toEpochMilli() - capture);
            });
          } else {
            var v = statusSerde.deserialize(r.topic(), r.value());
            long capture = v.getLastEventTime().toEpochMilli();
            NavigableMap<Long, Long> seenByCapture = predictionSeen.get(v.getParticipantId().toString());
            Long predictionSeenAt = seenByCapture == null ? null : seenByCapture.get(capture);
            add(capture, w -> {
              w.bytes(r.topic(), size);
              w.captureToStatus.add(seen - capture);
              if (predictionSeenAt != null) {
                w.predictionToStatus.add(seen - predictionSeenAt);
              }
            });
          }
        }
      }
    }
  }

  private synchronized void add(long captureMillis, java.util.function.Consumer<Window> update) {
    if (captureMillis >= windowStartMillis) {
      update.accept(window);
    }
  }

  static long percentile(List<Long> values, double p) {
    if (values.isEmpty()) {
      return -1;
    }
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
  }

  static double mean(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).average().orElse(-1);
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    thread.join(Duration.ofSeconds(5).toMillis());
  }
}
