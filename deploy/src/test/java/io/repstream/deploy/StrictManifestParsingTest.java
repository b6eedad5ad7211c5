package io.repstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.repstream.deploy.DeployTree.Manifest;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every manifest in deploy/k8s read into the typed model of its kind: the fabric8 Kubernetes model for the core
 * kinds, Strimzi's own API model (io.strimzi:api, the classes its CRDs are generated from) for Kafka, node
 * pools, topics and users. A value of the wrong type fails to parse; a field the kind does not have is reported.
 * KEDA's kinds are checked against KEDA's CRD schemas by {@link NodeValidatorsTest}.
 */
class StrictManifestParsingTest {
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** apiVersion + kind -> the model class; a kind outside this table and KEDA's is an error. */
  private static final Map<String, Class<?>> MODELS = Map.ofEntries(
      Map.entry("v1/Namespace", Namespace.class),
      Map.entry("v1/ConfigMap", ConfigMap.class),
      Map.entry("v1/Secret", Secret.class),
      Map.entry("v1/Service", Service.class),
      Map.entry("apps/v1/Deployment", Deployment.class),
      Map.entry("apps/v1/StatefulSet", StatefulSet.class),
      Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
      Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
      Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
      Map.entry("kafka.strimzi.io/v1beta2/Kafka", Kafka.class),
      Map.entry("kafka.strimzi.io/v1beta2/KafkaNodePool", KafkaNodePool.class),
      Map.entry("kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopic.class),
      Map.entry("kafka.strimzi.io/v1beta2/KafkaUser", KafkaUser.class));
  private static final String KEDA_API = "keda.sh/v1alpha1";
  private static final String KUSTOMIZATION = "Kustomization";

  @Test
  void everyManifestParsesIntoItsKindWithNoUnknownField() {
    List<Manifest> all = DeployTree.manifests();
    assertThat(all).hasSizeGreaterThan(20);
    List<String> problems = new ArrayList<>();
    int typed = 0;
    for (Manifest m : all) {
      if (m.kind().equals(KUSTOMIZATION) || m.apiVersion().equals(KEDA_API)) {
        continue;
      }
      Class<?> model = MODELS.get(m.apiVersion() + "/" + m.kind());
      if (model == null) {
        problems.add(m + ": no model for " + m.apiVersion() + " " + m.kind());
        continue;
      }
      problems.addAll(check(m.body(), model).stream().map(p -> m + ": " + p).toList());
      typed++;
    }
    assertThat(problems).isEmpty();
    assertThat(typed).as("documents checked against a typed model").isGreaterThan(20);
  }

  @Test
  void aMisspeltFieldAndAWrongTypeAreCaught() {
    Manifest counter = DeployTree.find(DeployTree.manifests(), "StatefulSet", "repstream-counter");
    ObjectNode misspelt = DeployTree.copy(counter.body());
    ObjectNode container = (ObjectNode) misspelt.at("/spec/template/spec/containers/0");
    container.set("readinesProbe", container.remove("readinessProbe"));
    assertThat(check(misspelt, StatefulSet.class)).containsExactly("spec.template.spec.containers[0].readinesProbe");

    Manifest kafka = DeployTree.find(DeployTree.manifests(), "Kafka", "repstream-kafka");
    ObjectNode badListener = DeployTree.copy(kafka.body());
    ((ObjectNode) badListener.at("/spec/kafka/listeners/0")).put("port", "tls");
    assertThat(check(badListener, Kafka.class)).singleElement().asString().startsWith("does not parse as Kafka");

    ObjectNode strayUserField = DeployTree.copy(
        DeployTree.find(DeployTree.manifests(), "KafkaUser", "repstream-classifier").body());
    ((ObjectNode) strayUserField.at("/spec/authentication")).put("pasword", "x");
    assertThat(check(strayUserField, KafkaUser.class)).containsExactly("spec.authentication.pasword");
  }

  @Test
  void theKustomizationListsEveryManifestFile() throws Exception {
    Manifest k = DeployTree.find(DeployTree.manifests(), KUSTOMIZATION, "");
    List<String> listed = new ArrayList<>();
    k.body().path("resources").forEach(r -> listed.add(r.asText()));
    try (Stream<Path> files = Files.list(DeployTree.k8sDir())) {
      List<String> present = files.map(p -> p.getFileName().toString())
          .filter(f -> f.endsWith(".yaml") && !f.equals("kustomization.yaml")).sorted().toList();
      assertThat(listed).containsExactlyElementsOf(present);
    }
  }

  private static List<String> check(JsonNode body, Class<?> model) {
    Object parsed;
    try {
      parsed = JSON.treeToValue(body, model);
    } catch (JsonProcessingException e) {
      return List.of("does not parse as " + model.getSimpleName() + ": " + e.getOriginalMessage());
    }
    return UnknownFields.in(parsed);
  }
}
