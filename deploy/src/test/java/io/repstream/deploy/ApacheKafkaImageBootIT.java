package io.repstream.deploy;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/** The same boots against the official apache/kafka image that deploy/compose runs, where Docker exists. */
@Testcontainers(disabledWithoutDocker = true)
class ApacheKafkaImageBootIT extends ServicesBootWithManifestEnvironment {
  @Container
  static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.3.1");

  @Override
  String bootstrapServers() {
    return KAFKA.getBootstrapServers();
  }
}
