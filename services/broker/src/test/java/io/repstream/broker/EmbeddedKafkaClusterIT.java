package io.repstream.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Injects: one node of a three-node cluster shut down while a producer (acks=all, idempotent) writes to a topic
 * replicated three times with two in sync required, then started again on its old data.
 * Proves: every acknowledged record is there once, in order per partition, and the node rejoins every replica set.
 */
class EmbeddedKafkaClusterIT {
  private static final String TOPIC = "cluster-it";
  private static final int PARTITIONS = 3;
  private static final int RECORDS = 300;
  private static final int DOWN_AT = 100;
  private static final int UP_AT = 200;
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void aNodeDownAndBackLosesNoAcknowledgedRecord() throws Exception {
    try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start();
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 3)
          .configs(Map.of("min.insync.replicas", "2")))).all().get(30, TimeUnit.SECONDS);
      try (KafkaProducer<String, String> producer = producer(cluster)) {
        for (int i = 0; i < RECORDS; i++) {
          if (i == DOWN_AT) {
            cluster.stopNode(2);
            assertThat(cluster.isRunning(2)).isFalse();
          }
          if (i == UP_AT) {
            cluster.startNode(2);
          }
          // Synchronous: each record is acknowledged by the in-sync replicas before the next, down or not.
          producer.send(new ProducerRecord<>(TOPIC, "k" + (i % 7), Integer.toString(i))).get(30, TimeUnit.SECONDS);
        }
      }
      List<Integer> read = readAll(cluster);
      assertThat(read).hasSize(RECORDS).doesNotHaveDuplicates();
      assertThat(read).containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, RECORDS).boxed().toList());

      long deadline = System.nanoTime() + WAIT.toNanos();
      boolean allInSync = false;
      while (!allInSync && System.nanoTime() < deadline) {
        TopicDescription d = admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC);
        allInSync = d.partitions().stream().allMatch(p -> p.isr().size() == 3);
        Thread.sleep(200);
      }
      assertThat(allInSync).as("the restarted node caught up and is back in every in-sync replica set").isTrue();
    }
  }

  private static KafkaProducer<String, String> producer(EmbeddedKafkaCluster cluster) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
  }

  private static List<Integer> readAll(EmbeddedKafkaCluster cluster) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    List<Integer> out = new ArrayList<>();
    try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> parts = new ArrayList<>();
      for (int i = 0; i < PARTITIONS; i++) {
        parts.add(new TopicPartition(TOPIC, i));
      }
      c.assign(parts);
      c.seekToBeginning(parts);
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (out.size() < RECORDS && System.nanoTime() < deadline) {
        c.poll(Duration.ofMillis(200)).forEach(r -> out.add(Integer.parseInt(r.value())));
      }
      // Anything beyond the expected count would be a duplicate; give it a moment to show.
      c.poll(Duration.ofMillis(500)).forEach(r -> out.add(Integer.parseInt(r.value())));
    }
    return out;
  }
}
