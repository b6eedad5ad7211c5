package io.repstream.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.repstream.common.config.KafkaSettings;
import io.repstream.common.kafka.AvroSerde;
import io.repstream.common.kafka.Topic;
import io.repstream.common.kafka.TopicCreator;
import io.repstream.common.kafka.Topics;
import io.repstream.schemas.Frame;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Avro frames through a real broker: topics created from config, frames keyed by participant stay in order.
 * Run against the embedded broker and, where Docker exists, the official Apache Kafka image.
 */
abstract class FrameRoundTripContract {
  private static final int PARTICIPANTS = 3;
  private static final int FRAMES_EACH = 40;

  abstract String bootstrapServers();

  /** How the services would be configured to reach the broker; a secured broker adds its login. */
  KafkaSettings kafka() {
    return KafkaSettings.bootstrap(bootstrapServers());
  }

  @Test
  void framesRoundTripInOrderPerParticipant() throws Exception {
    KafkaSettings kafka = kafka();
    Topics topics = Topics.defaults();
    try (Admin admin = Admin.create(kafka.clientProperties())) {
      TopicCreator.ensure(admin, topics);
      // Idempotent: a second service starting must not fail on existing topics.
      TopicCreator.ensure(admin, topics);
      Set<String> names = admin.listTopics().names().get();
      topics.all().forEach(spec -> assertThat(names).contains(spec.name()));
      int partitions = admin.describeTopics(List.of(topics.name(Topic.FRAMES))).allTopicNames().get()
          .get(topics.name(Topic.FRAMES)).partitions().size();
      assertThat(partitions).isEqualTo(Topics.DEFAULT_PARTITIONS);
    }

    String topic = topics.name(Topic.FRAMES);
    Properties p = kafka.clientProperties();
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    Instant start = Instant.parse("2026-11-23T10:00:00Z");
    try (KafkaProducer<String, Frame> producer = new KafkaProducer<>(p, new StringSerializer(), AvroSerde.frame())) {
      for (int i = 0; i < FRAMES_EACH; i++) {
        for (int who = 0; who < PARTICIPANTS; who++) {
          Frame f = frame("student-" + who, i, start.plusMillis(100L * i));
          producer.send(new ProducerRecord<>(topic, f.getParticipantId(), f));
        }
      }
      producer.flush();
    }

    Properties c = kafka.clientProperties();
    c.put(ConsumerConfig.GROUP_ID_CONFIG, "round-trip");
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, Frame>> got = new ArrayList<>();
    try (KafkaConsumer<String, Frame> consumer = new KafkaConsumer<>(c, new StringDeserializer(), AvroSerde.frame())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (got.size() < PARTICIPANTS * FRAMES_EACH && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(got::add);
      }
    }
    assertThat(got).hasSize(PARTICIPANTS * FRAMES_EACH);
    for (int who = 0; who < PARTICIPANTS; who++) {
      String id = "student-" + who;
      List<ConsumerRecord<String, Frame>> mine = got.stream().filter(r -> r.key().equals(id)).toList();
      assertThat(mine).hasSize(FRAMES_EACH);
      assertThat(mine.stream().map(ConsumerRecord::partition).distinct()).hasSize(1);
      for (int i = 0; i < FRAMES_EACH; i++) {
        Frame f = mine.get(i).value();
        assertThat(f.getSequence()).isEqualTo(i);
        assertThat(f.getCaptureTime()).isEqualTo(start.plusMillis(100L * i));
        assertThat(f.getJpeg().remaining()).isEqualTo(jpegBytes(id, i).length);
      }
    }
  }

  static Frame frame(String participant, long seq, Instant capture) {
    return Frame.newBuilder()
        .setClassId("class-a")
        .setParticipantId(participant)
        .setStreamId("stream-" + participant)
        .setSequence(seq)
        .setCaptureTime(capture)
        .setIngestTime(Instant.now())
        .setWidth(64)
        .setHeight(48)
        .setJpeg(ByteBuffer.wrap(jpegBytes(participant, seq)))
        .build();
  }

  /** Distinct payload sizes per frame, so a mixed-up frame would be noticed. */
  private static byte[] jpegBytes(String participant, long seq) {
    return new byte[100 + (int) seq + participant.hashCode() % 7 + 7];
  }

}
