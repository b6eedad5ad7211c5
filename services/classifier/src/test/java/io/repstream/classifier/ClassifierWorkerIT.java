package io.repstream.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.repstream.broker.EmbeddedKafkaBroker;
import io.repstream.common.config.Settings;
import io.repstream.common.kafka.AvroSerde;
import io.repstream.common.kafka.DeadLetters;
import io.repstream.common.kafka.Topic;
import io.repstream.common.kafka.TopicCreator;
import io.repstream.schemas.Frame;
import io.repstream.schemas.Prediction;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Real frames from a real clip through a real broker and the real pose model. */
class ClassifierWorkerIT {
  private static final String CLIP = "yuyoujiang_squat.mp4";
  private static final Duration DEADLINE = Duration.ofSeconds(120);

  private EmbeddedKafkaBroker broker;
  private ClassifierConfig config;
  private KafkaProducer<byte[], byte[]> producer;

  @BeforeEach
  void start() {
    broker = EmbeddedKafkaBroker.startDefault();
    config = ClassifierConfig.from(Settings.of(Map.of(
        "kafka.bootstrap.servers", broker.bootstrapServers(),
        "classifier.batch.size", "8",
        "classifier.batch.max.wait", "30ms",
        // One worker per service: "two workers" below are two services in one group.
        "classifier.workers", "1",
        // The test produces all frames up front; none may be shed for age while two workers chew on them.
        "classifier.max.frame.age", "1h")));
    try (Admin admin = Admin.create(config.kafka().clientProperties())) {
      TopicCreator.ensure(admin, config.topics());
    }
    producer = new KafkaProducer<>(config.kafka().clientProperties(), new ByteArraySerializer(), new ByteArraySerializer());
  }

  @AfterEach
  void stop() {
    producer.close();
    broker.close();
  }

  @Test
  void framesBecomePredictionsInOrderAndBadFramesAreDeadLettered() throws Exception {
    List<ClipFrames.JpegFrame> clip = ClipFrames.read(ClipFrames.clip(CLIP), 3, 24);
    for (int i = 0; i < clip.size(); i++) {
      send("ana", i, clip.get(i));
      send("ben", i, clip.get(clip.size() - 1 - i));
      if (i == 10) {
        // A frame whose JPEG is garbage, and a record that is not a Frame at all.
        sendFrame(frame("ana", 1000, ByteBuffer.wrap("not a jpeg".getBytes(StandardCharsets.UTF_8)), 64, 48));
        producer.send(new ProducerRecord<>(config.topics().name(Topic.FRAMES), "ben".getBytes(StandardCharsets.UTF_8),
            "{\"json\": true}".getBytes(StandardCharsets.UTF_8)));
      }
    }
    producer.flush();

    try (ClassifierService service = new ClassifierService(config, new SimpleMeterRegistry()).start()) {
      List<Prediction> got = readPredictions(all -> all.size() >= 2 * clip.size());
      assertThat(got).hasSize(2 * clip.size());
      for (String who : List.of("ana", "ben")) {
        List<Long> order = got.stream().filter(p -> p.getParticipantId().equals(who)).map(Prediction::getSequence).toList();
        assertThat(order).as(who).isSorted().hasSize(clip.size()).doesNotHaveDuplicates();
      }
      long withPose = got.stream().filter(p -> p.getPose() != null && p.getPose().getScore() > 0.3f).count();
      assertThat(withPose).as("frames where the squatting person was found").isGreaterThanOrEqualTo(got.size() * 9 / 10);
      Prediction first = got.get(0);
      assertThat(first.getPose().getKeypoints()).hasSize(17);
      assertThat(first.getModelName()).isEqualTo(config.poseModel().fileBaseName() + "+pose-only");
      assertThat(first.getPredictTime()).isAfterOrEqualTo(first.getIngestTime());

      List<ConsumerRecord<byte[], byte[]>> dead = read(Topic.DEAD_LETTERS, all -> all.size() >= 2);
      assertThat(dead).hasSize(2);
      List<String> reasons = dead.stream().map(r -> DeadLetters.header(r.headers(), DeadLetters.HEADER_REASON)).toList();
      assertThat(reasons).anySatisfy(r -> assertThat(r).contains("not a JPEG"));
      assertThat(reasons).anySatisfy(r -> assertThat(r).contains("not an Avro single-object record"));
      assertThat(service.alive()).isTrue();
    }
  }

  @Test
  void twoWorkersShareTheFramesAndAStoppedOnesPartitionsAreTakenOver() throws Exception {
    List<ClipFrames.JpegFrame> clip = ClipFrames.read(ClipFrames.clip(CLIP), 4, 12);
    List<String> people = List.of("p1", "p2", "p3", "p4", "p5", "p6");
    for (int i = 0; i < clip.size(); i++) {
      for (String who : people) {
        send(who, i, clip.get(i));
      }
    }
    producer.flush();
    ClassifierService first = new ClassifierService(config, new SimpleMeterRegistry()).start();
    ClassifierService second = new ClassifierService(config, new SimpleMeterRegistry()).start();
    // Let both work for a while, then stop one mid-class.
    readPredictions(all -> all.size() >= people.size() * clip.size() / 3);
    first.close();
    List<Prediction> got = readPredictions(all -> distinct(all).size() == people.size() * clip.size());
    second.close();
    Set<String> predicted = distinct(got);
    for (String who : people) {
      for (int i = 0; i < clip.size(); i++) {
        assertThat(predicted).contains(who + "#" + i);
      }
    }
  }

  @Test
  void lateFramesAreSkippedToTheNewestSoCountsStayLive() throws Exception {
    List<ClipFrames.JpegFrame> clip = ClipFrames.read(ClipFrames.clip(CLIP), 3, 16);
    Instant longAgo = Instant.now().minusSeconds(60);
    for (int i = 0; i < clip.size(); i++) {
      ClipFrames.JpegFrame f = clip.get(i);
      Frame late = frame("late", i, ByteBuffer.wrap(f.jpeg()), f.width(), f.height());
      late.setIngestTime(longAgo.plusMillis(100L * i));
      sendFrame(late);
    }
    producer.flush();
    ClassifierConfig shedding = ClassifierConfig.from(Settings.of(Map.of(
        "kafka.bootstrap.servers", broker.bootstrapServers(),
        "classifier.batch.size", "8",
        "classifier.workers", "1",
        "classifier.max.frame.age", "2s")));
    io.micrometer.core.instrument.simple.SimpleMeterRegistry metrics = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    Logger workerLog = (Logger) LoggerFactory.getLogger(ClassifierWorker.class);
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    workerLog.addAppender(logged);
    try (ClassifierService service = new ClassifierService(shedding, metrics).start()) {
      List<Prediction> got = readPredictions(all -> all.stream().anyMatch(p -> p.getSequence() == clip.size() - 1));
      // Each batch of a late participant is reduced to its newest frame; the very newest is always classified.
      assertThat(got).extracting(Prediction::getSequence).contains((long) clip.size() - 1);
      assertThat(got.size()).isLessThanOrEqualTo(clip.size() / 4);
      double skipped = metrics.counter("repstream_classifier_frames_skipped", "reason", "too_old").count();
      assertThat(skipped + got.size()).isEqualTo(clip.size());
      // The operator is told once, not per batch, that the worker cannot keep up.
      List<String> warnings = logged.list.stream().filter(e -> e.getLevel() == Level.WARN)
          .map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains("Falling behind")).toList();
      assertThat(warnings).hasSize(1);
      assertThat(warnings.get(0)).contains("classifier.max.frame.age").contains("classifier.workers");
    } finally {
      workerLog.detachAppender(logged);
    }
  }

  private static Set<String> distinct(List<Prediction> all) {
    Set<String> keys = new TreeSet<>();
    all.forEach(p -> keys.add(p.getParticipantId() + "#" + p.getSequence()));
    return keys;
  }

  private List<Prediction> readPredictions(Predicate<List<Prediction>> done) {
    AvroSerde<Prediction> serde = AvroSerde.prediction();
    List<Prediction> out = new ArrayList<>();
    read(Topic.PREDICTIONS, records -> {
      out.clear();
      records.forEach(r -> out.add(serde.deserialize("", r.value())));
      return done.test(out);
    });
    return out;
  }

  private List<ConsumerRecord<byte[], byte[]>> read(Topic topic, Predicate<List<ConsumerRecord<byte[], byte[]>>> done) {
    Properties p = config.kafka().clientProperties();
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + System.nanoTime());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      c.subscribe(List.of(config.topics().name(topic)));
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      while (!done.test(all) && System.nanoTime() < deadline) {
        c.poll(Duration.ofMillis(200)).forEach(all::add);
      }
    }
    return all;
  }

  private void send(String who, long seq, ClipFrames.JpegFrame f) {
    sendFrame(frame(who, seq, ByteBuffer.wrap(f.jpeg()), f.width(), f.height()));
  }

  private static Frame frame(String who, long seq, ByteBuffer jpeg, int w, int h) {
    Instant now = Instant.now();
    return Frame.newBuilder().setClassId("class-a").setParticipantId(who).setStreamId(who).setSequence(seq)
        .setCaptureTime(Instant.EPOCH.plusMillis(100 * seq)).setIngestTime(now).setWidth(w).setHeight(h).setJpeg(jpeg).build();
  }

  private void sendFrame(Frame f) {
    String topic = config.topics().name(Topic.FRAMES);
    producer.send(new ProducerRecord<>(topic, f.getParticipantId().getBytes(StandardCharsets.UTF_8),
        AvroSerde.frame().serialize(topic, f)));
  }

}
