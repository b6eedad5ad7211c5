package io.repstream.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a whole topic from the start as a read-committed consumer: what a downstream reader would see. */
final class TopicReader {
  private static final Duration POLL = Duration.ofMillis(200);

  private TopicReader() {}

  /** Reads until {@code done} holds for everything read so far, or {@code timeout} passes. */
  static List<ConsumerRecord<String, byte[]>> readUntil(String bootstrapServers, String topic,
      Predicate<List<ConsumerRecord<String, byte[]>>> done, Duration timeout) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
          .map(info -> new TopicPartition(topic, info.partition())).toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!done.test(out) && System.nanoTime() < deadline) {
        consumer.poll(POLL).forEach(out::add);
      }
    }
    return out;
  }

  /** Reads until something was read and then nothing new came for {@code quiet}: the writer has settled. */
  static List<ConsumerRecord<String, byte[]>> readUntilQuiet(String bootstrapServers, String topic, Duration quiet,
      Duration timeout) {
    long[] lastGrowth = {System.nanoTime()};
    int[] lastSize = {0};
    return readUntil(bootstrapServers, topic, records -> {
      if (records.size() != lastSize[0]) {
        lastSize[0] = records.size();
        lastGrowth[0] = System.nanoTime();
      }
      return !records.isEmpty() && System.nanoTime() - lastGrowth[0] >= quiet.toNanos();
    }, timeout);
  }
}
