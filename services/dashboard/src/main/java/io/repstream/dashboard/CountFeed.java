package io.repstream.dashboard;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.repstream.common.kafka.AvroSerde;
import io.repstream.common.kafka.RecordFormatException;
import io.repstream.common.kafka.Topic;
import io.repstream.common.kafka.Topics;
import io.repstream.schemas.Frame;
import io.repstream.schemas.Prediction;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the count topics into the {@link ClassBoards}. Every dashboard instance needs every class, so it
 * assigns itself all partitions rather than joining a group: statuses, rep events and trainer commands from
 * the beginning (the compacted status topic rebuilds the current picture), frames and predictions from the
 * end (only the newest thumbnail and skeleton matter).
 */
final class CountFeed implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CountFeed.class);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Topics topics;
  private final ClassBoards boards;
  private final boolean thumbnails;
  private final Counter malformed;
  private final Counter consumed;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicBoolean caughtUp = new AtomicBoolean(false);
  private final Thread thread;

  private final AvroSerde<io.repstream.schemas.ParticipantStatus> statusSerde = AvroSerde.participantStatus();
  private final AvroSerde<io.repstream.schemas.RepEvent> repSerde = AvroSerde.repEvent();
  private final AvroSerde<io.repstream.schemas.ClassControl> controlSerde = AvroSerde.classControl();
  private final AvroSerde<Frame> frameSerde = AvroSerde.frame();
  private final AvroSerde<Prediction> predictionSerde = AvroSerde.prediction();

  CountFeed(Properties kafka, Topics topics, ClassBoards boards, boolean thumbnails, MeterRegistry metrics) {
    Properties p = new Properties();
    p.putAll(kafka);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "repstream-dashboard");
    this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.topics = topics;
    this.boards = boards;
    this.thumbnails = thumbnails;
    this.malformed = metrics.counter("repstream_dashboard_records_malformed");
    this.consumed = metrics.counter("repstream_dashboard_records_consumed");
    this.thread = new Thread(this::run, "dashboard-count-feed");
    this.thread.setDaemon(true);
  }

  void start() {
    List<TopicPartition> fromStart = partitions(Topic.PARTICIPANT_STATUS, Topic.REP_EVENTS, Topic.CLASS_CONTROL);
    List<TopicPartition> fromEnd = thumbnails ? partitions(Topic.FRAMES, Topic.PREDICTIONS) : List.of();
    List<TopicPartition> all = new ArrayList<>(fromStart);
    all.addAll(fromEnd);
    consumer.assign(all);
    consumer.seekToBeginning(fromStart);
    consumer.seekToEnd(fromEnd);
    thread.start();
  }

  /** True once the history that existed at start has been read, so the page is not shown half-built. */
  boolean caughtUp() {
    return caughtUp.get();
  }

  boolean isAlive() {
    return thread.isAlive();
  }

  private List<TopicPartition> partitions(Topic... wanted) {
    List<TopicPartition> out = new ArrayList<>();
    for (Topic t : wanted) {
      String name = topics.name(t);
      List<PartitionInfo> infos = consumer.partitionsFor(name, METADATA_TIMEOUT);
      if (infos == null || infos.isEmpty()) {
        throw new IllegalStateException("topic " + name + " does not exist; start the broker with its topics first");
      }
      infos.forEach(i -> out.add(new TopicPartition(name, i.partition())));
    }
    return out;
  }

  private void run() {
    try {
      var endAtStart = consumer.endOffsets(consumer.assignment());
      while (running.get()) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
          consumed.increment();
          apply(r);
        }
        if (!caughtUp.get() && reached(endAtStart)) {
          caughtUp.set(true);
          LOG.info("Dashboard has read the count history; serving live");
        }
      }
    } catch (WakeupException e) {
      if (running.get()) {
        throw e;
      }
    } catch (RuntimeException e) {
      LOG.error("Dashboard count feed stopped: {}", e.toString(), e);
    } finally {
      consumer.close();
    }
  }

  private boolean reached(java.util.Map<TopicPartition, Long> ends) {
    Collection<TopicPartition> assigned = consumer.assignment();
    for (TopicPartition tp : assigned) {
      if (consumer.position(tp) < ends.getOrDefault(tp, 0L)) {
        return false;
      }
    }
    return true;
  }

  private void apply(ConsumerRecord<byte[], byte[]> r) {
    String topic = r.topic();
    try {
      if (topic.equals(topics.name(Topic.PARTICIPANT_STATUS))) {
        if (r.value() != null) {
          boards.status(statusSerde.deserialize(topic, r.value()));
        }
      } else if (topic.equals(topics.name(Topic.REP_EVENTS))) {
        boards.rep(repSerde.deserialize(topic, r.value()));
      } else if (topic.equals(topics.name(Topic.CLASS_CONTROL))) {
        boards.control(controlSerde.deserialize(topic, r.value()));
      } else if (topic.equals(topics.name(Topic.FRAMES))) {
        Frame f = frameSerde.deserialize(topic, r.value());
        boards.thumbnail(f.getClassId(), f.getParticipantId(), bytes(f.getJpeg()));
      } else if (topic.equals(topics.name(Topic.PREDICTIONS))) {
        Prediction p = predictionSerde.deserialize(topic, r.value());
        if (p.getPose() != null) {
          boards.pose(p.getClassId(), p.getParticipantId(), p.getPose());
        }
      }
    } catch (RecordFormatException e) {
      // The reason names topic, size and schema problem only: no participant data in logs.
      malformed.increment();
      LOG.warn("Skipped record at {}-{} offset {}: {}", topic, r.partition(), r.offset(), e.getMessage());
    }
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  @Override
  public void close() {
    running.set(false);
    consumer.wakeup();
    try {
      thread.join(Duration.ofSeconds(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
