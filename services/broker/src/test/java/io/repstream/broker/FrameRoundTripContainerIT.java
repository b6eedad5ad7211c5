package io.repstream.broker;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/** The same contract against the official Apache Kafka image; skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class FrameRoundTripContainerIT extends FrameRoundTripContract {
  @Container
  static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.3.1");

  @Override
  String bootstrapServers() {
    return KAFKA.getBootstrapServers();
  }
}
