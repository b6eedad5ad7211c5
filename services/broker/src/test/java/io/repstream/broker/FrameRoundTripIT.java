package io.repstream.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.repstream.common.config.KafkaSettings;
import io.repstream.common.kafka.Topic;
import io.repstream.common.kafka.TopicCreator;
import io.repstream.common.kafka.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FrameRoundTripIT extends FrameRoundTripContract {
  private static EmbeddedKafkaBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedKafkaBroker.startDefault();
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Override
  String bootstrapServers() {
    return broker.bootstrapServers();
  }

  @Test
  void stoppedBrokerResumesWithItsData() throws Exception {
    try (EmbeddedKafkaBroker own = EmbeddedKafkaBroker.startDefault()) {
      KafkaSettings kafka = KafkaSettings.bootstrap(own.bootstrapServers());
      try (Admin admin = Admin.create(kafka.clientProperties())) {
        TopicCreator.ensure(admin, Topics.defaults());
      }
      String cluster = own.clusterId();
      own.stop();
      assertThat(own.isRunning()).isFalse();
      own.start();
      assertThat(own.clusterId()).isEqualTo(cluster);
      try (Admin admin = Admin.create(KafkaSettings.bootstrap(own.bootstrapServers()).clientProperties())) {
        assertThat(admin.listTopics().names().get()).contains(Topics.defaults().name(Topic.PREDICTIONS));
      }
    }
  }
}
