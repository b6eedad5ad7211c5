package io.repstream.classifier;

import ai.djl.pytorch.jni.JniUtils;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.repstream.common.kafka.AvroSerde;
import io.repstream.common.kafka.DeadLetters;
import io.repstream.common.kafka.RecordFormatException;
import io.repstream.common.kafka.Topic;
import io.repstream.schemas.Frame;
import io.repstream.schemas.Prediction;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One classifier worker: a consumer in the classifier group, reading frames of the partitions it owns,
 * classifying them in batches and publishing predictions keyed by participant. Offsets are committed only
 * after Kafka has acknowledged every prediction and dead letter of the batch (at least once: after a crash
 * the counter sees some predictions twice and de-duplicates them by frame sequence). Acknowledgements are not
 * waited for: the worker classifies its next batch meanwhile and commits acknowledged batches asynchronously
 * ({@link AcknowledgedOffsets}); only when partitions leave it does it flush and commit synchronously.
 */
final class ClassifierWorker implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(ClassifierWorker.class);
  private static final String SERVICE = "classifier";
  private static final Duration LONGEST_POLL = Duration.ofMillis(100);
  /** Often enough to be seen in a live class, rarely enough not to bury the log while a worker is overloaded. */
  private static final Duration LATE_FRAME_WARNING_INTERVAL = Duration.ofSeconds(30);

  private final String name;
  private final ClassifierConfig config;
  private final FrameClassifier classifier;
  private final FrameDecoder decoder;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final KafkaProducer<byte[], byte[]> producer;
  /**
   * A poll reads up to this many batches' worth of frames. With one batch per poll and at least as many students
   * as a batch holds, each poll held about one frame per student, so shedding late frames (which keeps each
   * student's newest of the poll) skipped nothing and a worker that fell behind never caught up
   * (docs/benchmarks.md, end to end).
   */
  static final int SHED_LOOKAHEAD_BATCHES = 4;

  private final AvroSerde<Frame> frames = AvroSerde.frame();
  private final AvroSerde<Prediction> predictions = AvroSerde.prediction();
  private final String framesTopic;
  private final String predictionsTopic;
  private final String deadLetterTopic;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final List<ConsumerRecord<byte[], byte[]>> pending = new ArrayList<>();
  private final Map<String, TopicPartition> partitionOf = new HashMap<>();
  private final AcknowledgedOffsets acknowledged = new AcknowledgedOffsets();
  private final KafkaClientMetrics consumerMetrics;
  private final KafkaClientMetrics producerMetrics;

  private final Counter consumed;
  private final Counter predicted;
  private final Counter skipped;
  private final LateFrameWarning lateFrameWarning;
  private final Counter deadLettered;
  private final DistributionSummary batchSizes;
  private final Timer decodeTimer;
  private final Timer publishTimer;

  ClassifierWorker(String name, ClassifierConfig config, FrameClassifier classifier, MeterRegistry metrics) {
    this.name = name;
    this.config = config;
    this.classifier = classifier;
    this.decoder = new FrameDecoder(config.maxJpegBytes(), config.maxPixels());
    this.framesTopic = config.topics().name(Topic.FRAMES);
    this.predictionsTopic = config.topics().name(Topic.PREDICTIONS);
    this.deadLetterTopic = config.topics().name(Topic.DEAD_LETTERS);

    Properties c = config.kafka().clientProperties();
    c.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
    c.put(ConsumerConfig.CLIENT_ID_CONFIG, name);
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(config.batchSize() * SHED_LOOKAHEAD_BATCHES));
    this.consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());

    Properties p = config.kafka().clientProperties();
    p.put(ProducerConfig.CLIENT_ID_CONFIG, name);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    // Predictions are small and frequent: a short linger fills batches without adding visible latency.
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());

    this.consumerMetrics = new KafkaClientMetrics(consumer);
    this.consumerMetrics.bindTo(metrics);
    this.producerMetrics = new KafkaClientMetrics(producer);
    this.producerMetrics.bindTo(metrics);
    this.consumed = metrics.counter("repstream_classifier_frames_consumed");
    this.predicted = metrics.counter("repstream_classifier_predictions_published");
    this.skipped = metrics.counter("repstream_classifier_frames_skipped", "reason", "too_old");
    this.lateFrameWarning = new LateFrameWarning(LATE_FRAME_WARNING_INTERVAL, config.maxFrameAge());
    this.deadLettered = metrics.counter("repstream_classifier_frames_dead_lettered");
    this.batchSizes = DistributionSummary.builder("repstream_classifier_batch_size").register(metrics);
    this.decodeTimer = Timer.builder("repstream_classifier_stage_seconds").tag("stage", "decode").register(metrics);
    this.publishTimer = Timer.builder("repstream_classifier_stage_seconds").tag("stage", "publish").register(metrics);
  }

  @Override
  public void run() {
    if (config.poseThreads() > 0) {
      // PyTorch keeps its intra-op thread count per calling thread (OpenMP), so each worker thread sets its own.
      JniUtils.setNumThreads(config.poseThreads());
    }
    try {
      consumer.subscribe(List.of(framesTopic), new ConsumerRebalanceListener() {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
          // Finish what was read from these partitions, and commit it, before another worker takes them over.
          finishAndCommit();
          forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
          LOG.info("Classifier worker now owns {} frame partitions", partitions.size());
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
          pending.clear();
          acknowledged.clear();
          forget(partitions);
        }
      });
      long batchStarted = 0;
      while (running.get()) {
        Duration wait = pending.isEmpty() ? LONGEST_POLL
            : Duration.ofNanos(Math.max(0, Math.min(LONGEST_POLL.toNanos(),
                config.batchMaxWait().toNanos() - (System.nanoTime() - batchStarted))));
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(wait)) {
          if (pending.isEmpty()) {
            batchStarted = System.nanoTime();
          }
          pending.add(r);
          consumed.increment();
        }
        commitAcknowledged();
        boolean full = pending.size() >= config.batchSize();
        boolean waitedEnough = !pending.isEmpty() && System.nanoTime() - batchStarted >= config.batchMaxWait().toNanos();
        if (full || waitedEnough) {
          processPending();
        }
      }
      finishAndCommit();
    } catch (WakeupException e) {
      if (running.get()) {
        throw e;
      }
    } catch (RuntimeException e) {
      LOG.error("Classifier worker stopped: {}", e.toString(), e);
      throw e;
    } finally {
      close();
      stopped.countDown();
    }
  }

  /** Classifies and publishes what is pending, waits for Kafka to acknowledge everything sent, and commits it. */
  private void finishAndCommit() {
    processPending();
    producer.flush();
    Map<TopicPartition, OffsetAndMetadata> done = acknowledged.takeCommittable();
    if (!done.isEmpty()) {
      consumer.commitSync(done);
    }
  }

  /** Commits, without waiting, the batches Kafka has acknowledged since the last commit. */
  private void commitAcknowledged() {
    Map<TopicPartition, OffsetAndMetadata> done = acknowledged.takeCommittable();
    if (!done.isEmpty()) {
      consumer.commitAsync(done, (offsets, e) -> {
        if (e != null) {
          // A later commit covers these offsets; at worst the next owner classifies a few frames again.
          LOG.warn("Committing classified frame offsets failed: {}", e.toString());
        }
      });
    }
  }

  /** Classifies everything read so far and publishes it; its offsets are committed once Kafka acknowledges all of it. */
  private void processPending() {
    if (pending.isEmpty()) {
      return;
    }
    List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>(pending);
    pending.clear();
    List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
    // Shed before decoding: a frame that will be skipped is not worth its JPEG decode, and skipping happens
    // exactly when the worker is short of CPU.
    List<Decoded> fresh = decode(shed(parse(batch, out)), out);
    for (int from = 0; from < fresh.size(); from += config.batchSize()) {
      List<Decoded> chunk = fresh.subList(from, Math.min(fresh.size(), from + config.batchSize()));
      batchSizes.record(chunk.size());
      List<Prediction> results = classifier.classify(chunk.stream().map(Decoded::frame).toList());
      for (Prediction p : results) {
        out.add(new ProducerRecord<>(predictionsTopic, utf8(p.getParticipantId()), predictions.serialize(predictionsTopic, p)));
      }
    }
    long t0 = System.nanoTime();
    Callback ack = acknowledged.track(offsets(batch), out.size());
    out.forEach(r -> producer.send(r, ack));
    publishTimer.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
    predicted.increment(fresh.size());
  }

  private record Parsed(Frame frame, ConsumerRecord<byte[], byte[]> record) {}

  private record Decoded(DecodedFrame frame, ConsumerRecord<byte[], byte[]> record) {}

  /** The Frame records of the batch; records that are not a Frame go to the dead-letter topic. */
  private List<Parsed> parse(List<ConsumerRecord<byte[], byte[]>> batch, List<ProducerRecord<byte[], byte[]>> out) {
    List<Parsed> parsed = new ArrayList<>(batch.size());
    for (ConsumerRecord<byte[], byte[]> r : batch) {
      try {
        Frame f = frames.deserialize(r.topic(), r.value());
        if (f == null) {
          throw new FrameDecoder.UndecodableFrameException("record has no value");
        }
        parsed.add(new Parsed(f, r));
        partitionOf.put(f.getParticipantId(), new TopicPartition(r.topic(), r.partition()));
      } catch (RecordFormatException | FrameDecoder.UndecodableFrameException e) {
        deadLetter(r, e, out);
      }
    }
    return parsed;
  }

  /** The pixels of each frame; frames whose JPEG does not decode go to the dead-letter topic. */
  private List<Decoded> decode(List<Parsed> parsed, List<ProducerRecord<byte[], byte[]>> out) {
    long t0 = System.nanoTime();
    List<Decoded> decoded = new ArrayList<>(parsed.size());
    for (Parsed p : parsed) {
      try {
        decoded.add(new Decoded(new DecodedFrame(p.frame(), decoder.decode(bytes(p.frame().getJpeg()))), p.record()));
      } catch (FrameDecoder.UndecodableFrameException e) {
        deadLetter(p.record(), e, out);
      }
    }
    decodeTimer.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
    return decoded;
  }

  private void deadLetter(ConsumerRecord<byte[], byte[]> r, RuntimeException e, List<ProducerRecord<byte[], byte[]>> out) {
    deadLettered.increment();
    LOG.warn("Dead-lettered frame at {}-{} offset {}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
    out.add(DeadLetters.record(deadLetterTopic, SERVICE, r.topic(), r.partition(), r.offset(), r.key(), r.value(),
        e.getMessage()));
  }

  /**
   * Counts must stay live: where a participant's frames waited longer than the allowed age, only their
   * newest frame of the batch is classified and the older ones are skipped (and counted).
   */
  private List<Parsed> shed(List<Parsed> parsed) {
    Instant oldest = Instant.now().minus(config.maxFrameAge());
    Map<String, Parsed> newestLate = new LinkedHashMap<>();
    Set<String> late = new HashSet<>();
    for (Parsed p : parsed) {
      if (p.frame().getIngestTime().isBefore(oldest)) {
        late.add(p.frame().getParticipantId());
      }
    }
    if (late.isEmpty()) {
      return parsed;
    }
    List<Parsed> kept = new ArrayList<>();
    for (Parsed p : parsed) {
      String who = p.frame().getParticipantId();
      if (late.contains(who)) {
        newestLate.merge(who, p, (a, b) -> b.frame().getSequence() > a.frame().getSequence() ? b : a);
      } else {
        kept.add(p);
      }
    }
    kept.addAll(newestLate.values());
    skipped.increment(parsed.size() - kept.size());
    lateFrameWarning.skipped(parsed.size() - kept.size(), Instant.now()).ifPresent(m -> LOG.warn("{}: {}", name, m));
    return kept;
  }

  private static Map<TopicPartition, OffsetAndMetadata> offsets(List<ConsumerRecord<byte[], byte[]>> batch) {
    Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : batch) {
      next.merge(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1),
          (a, b) -> a.offset() >= b.offset() ? a : b);
    }
    return next;
  }

  private void forget(Collection<TopicPartition> partitions) {
    List<String> gone = partitionOf.entrySet().stream().filter(e -> partitions.contains(e.getValue())).map(Map.Entry::getKey).toList();
    gone.forEach(partitionOf::remove);
    classifier.forget(gone);
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Asks the worker to finish its current batch, commit and stop. */
  void stop() {
    running.set(false);
    consumer.wakeup();
  }

  boolean awaitStop(Duration timeout) throws InterruptedException {
    return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void close() {
    consumerMetrics.close();
    producerMetrics.close();
    // The consumer first: leaving the group revokes partitions, which publishes what is still pending.
    consumer.close(Duration.ofSeconds(5));
    producer.close(Duration.ofSeconds(5));
    decoder.close();
    classifier.close();
  }
}
