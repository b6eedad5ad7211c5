package io.repstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.repstream.common.config.Settings;
import io.repstream.common.kafka.Topic;
import io.repstream.common.kafka.TopicSpec;
import io.repstream.common.kafka.Topics;
import io.repstream.deploy.DeployTree.Manifest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The KafkaTopic resources Strimzi creates are the topics each service would otherwise create itself from the
 * environment its manifest gives it: same names, partitions, replication and topic configs. A mismatch would
 * leave workers idle (fewer partitions than expected) or change retention behind the services' back.
 */
class TopicsMatchServicesTest {
  @ParameterizedTest(name = "{0}/{1}")
  @CsvSource({"Deployment, repstream-ingest", "Deployment, repstream-classifier", "StatefulSet, repstream-counter",
      "Deployment, repstream-dashboard"})
  void kafkaTopicsAreWhatTheServiceExpects(String kind, String name) {
    List<Manifest> all = DeployTree.manifests();
    WorkloadContainer c = WorkloadContainer.of(all, kind, name,
        Map.of("repstream-dashboard-tokens/tokens", "unused"), Map.of("status.podIP", "unused"));
    // Loaded as the services load their settings: no file, the container's environment.
    Topics expected = Topics.from(Settings.load(null, null, c.env()));

    for (TopicSpec spec : expected.all()) {
      Manifest topic = all.stream()
          .filter(m -> m.kind().equals("KafkaTopic") && m.body().at("/spec/topicName").asText().equals(spec.name()))
          .findFirst().orElseThrow(() -> new AssertionError("no KafkaTopic for " + spec.name()));
      JsonNode s = topic.body().path("spec");
      assertThat(s.path("partitions").asInt()).as(spec.name() + " partitions").isEqualTo(spec.partitions());
      assertThat(s.path("replicas").asInt()).as(spec.name() + " replicas").isEqualTo(spec.replicationFactor());
      Map<String, String> configs = new TreeMap<>();
      s.path("config").fields().forEachRemaining(e -> configs.put(e.getKey(), e.getValue().asText()));
      assertThat(configs).as(spec.name() + " config").isEqualTo(new TreeMap<>(spec.configs()));
    }
    assertThat(all.stream().filter(m -> m.kind().equals("KafkaTopic")).count()).isEqualTo(expected.all().size());
  }

  /** KEDA may add classifier pods up to the point where every consumer still gets a frames partition. */
  @Test
  void classifierConsumersNeverOutnumberFramesPartitions() {
    List<Manifest> all = DeployTree.manifests();
    WorkloadContainer c = WorkloadContainer.of(all, "Deployment", "repstream-classifier", Map.of(), Map.of());
    Settings settings = Settings.load(null, null, c.env());
    int partitions = Topics.from(settings).spec(Topic.FRAMES).partitions();
    int workersPerPod = settings.integer("classifier.workers", 1, 1, Integer.MAX_VALUE);
    JsonNode scaled = DeployTree.find(all, "ScaledObject", "repstream-classifier").body().path("spec");
    assertThat(scaled.path("maxReplicaCount").asInt() * workersPerPod).isLessThanOrEqualTo(partitions);
    JsonNode trigger = scaled.path("triggers").get(0).path("metadata");
    assertThat(trigger.path("topic").asText()).isEqualTo(Topics.from(settings).name(Topic.FRAMES));
    assertThat(trigger.path("consumerGroup").asText()).isEqualTo(settings.string("classifier.group.id", "repstream-classifier"));
  }
}
