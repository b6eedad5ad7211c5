package io.repstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/compose/compose.yaml through {@code docker-compose config} (Debian's docker-compose 1.29.2, which
 * validates against the Compose schema and resolves variables without a Docker engine).
 */
class ComposeConfigTest {
  private static final String COMPOSE_FILE = "deploy/compose/compose.yaml";

  @BeforeAll
  static void requireDockerCompose() throws Exception {
    ExternalTool.require("docker-compose", "bin/setup installs it (Debian package docker-compose)");
  }

  @Test
  void theStackIsValidAndHasThreeBrokersAndEveryService() throws Exception {
    ExternalTool r = compose(Map.of("REPSTREAM_DASHBOARD_TOKENS", "demo=a-token-of-24-characters"), "config");
    assertThat(r.exitCode()).as(r.output()).isZero();
    var resolved = DeployTree.YAML.readTree(r.output());
    assertThat(resolved.path("services").fieldNames()).toIterable()
        .containsExactlyInAnyOrder("kafka-1", "kafka-2", "kafka-3", "ingest", "classifier", "counter", "dashboard");
    assertThat(resolved.at("/services/kafka-2/environment/KAFKA_CONTROLLER_QUORUM_VOTERS").asText())
        .isEqualTo("1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093");
    assertThat(resolved.at("/services/kafka-1/image").asText()).startsWith("apache/kafka:");
  }

  @Test
  void theDashboardRefusesToStartWithoutTokens() throws Exception {
    ExternalTool r = compose(Map.of(), "config", "-q");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.output()).contains("set REPSTREAM_DASHBOARD_TOKENS");
  }

  private static ExternalTool compose(Map<String, String> env, String... args) throws Exception {
    Path root = DeployTree.repositoryRoot();
    List<String> command = new ArrayList<>(List.of("docker-compose", "-f", COMPOSE_FILE));
    command.addAll(List.of(args));
    return ExternalTool.run(root, env, command);
  }
}
