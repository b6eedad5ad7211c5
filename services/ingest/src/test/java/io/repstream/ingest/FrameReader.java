package io.repstream.ingest;

import io.repstream.common.config.KafkaSettings;
import io.repstream.common.kafka.AvroSerde;
import io.repstream.schemas.Frame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the frames topic from the beginning, as the classifier would, grouping frames by participant in arrival order. */
public final class FrameReader implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(200);

  private final KafkaConsumer<String, Frame> consumer;
  private final Map<String, List<Frame>> byParticipant = new TreeMap<>();

  public FrameReader(KafkaSettings kafka, String topic) {
    Properties p = kafka.clientProperties();
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumer = new KafkaConsumer<>(p, new StringDeserializer(), AvroSerde.frame());
    consumer.subscribe(List.of(topic));
  }

  /** Polls until {@code done} holds for what was read, or the timeout passes; returns frames by participant. */
  public Map<String, List<Frame>> readUntil(Predicate<Map<String, List<Frame>>> done, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    while (!done.test(byParticipant) && System.nanoTime() < end) {
      for (ConsumerRecord<String, Frame> r : consumer.poll(POLL)) {
        if (!r.key().equals(r.value().getParticipantId())) {
          throw new AssertionError("frame of " + r.value().getParticipantId() + " keyed " + r.key());
        }
        byParticipant.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
      }
    }
    return byParticipant;
  }

  public List<Frame> frames(String participant) {
    return byParticipant.getOrDefault(participant, List.of());
  }

  @Override
  public void close() {
    consumer.close();
  }
}
