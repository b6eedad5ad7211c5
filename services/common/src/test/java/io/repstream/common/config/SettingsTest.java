package io.repstream.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.repstream.common.kafka.Topic;
import io.repstream.common.kafka.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
  @TempDir Path dir;

  @Test
  void fileOverridesDefaultsAndEnvironmentOverridesFile() throws IOException {
    Path file = dir.resolve("svc.properties");
    Files.writeString(file, "topics.partitions=6\nkafka.bootstrap.servers=file-host:9092\n");
    Settings s = Settings.load("test-defaults.properties", file,
        Map.of("REPSTREAM_KAFKA_BOOTSTRAP_SERVERS", "env-host:9093", "REPSTREAM_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
            "UNRELATED", "x"));
    assertThat(s.string("kafka.bootstrap.servers")).isEqualTo("env-host:9093");
    assertThat(s.origin("kafka.bootstrap.servers")).isEqualTo("environment REPSTREAM_KAFKA_BOOTSTRAP_SERVERS");
    assertThat(s.integer("topics.partitions", 1, 1, 100)).isEqualTo(6);
    assertThat(s.string("sample.name")).isEqualTo("from-defaults");
    // Client properties arrive from the environment even when no file names them.
    assertThat(KafkaSettings.from(s).clientProperties())
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry("bootstrap.servers", "env-host:9093");
  }

  @Test
  void environmentSetsKeysThatNoDefaultsOrFileName() {
    // The services' defaults files list no topics.* key; the README's variables must still apply (deploy/k8s
    // sets REPSTREAM_TOPICS_PARTITIONS=24 and per-topic sizes this way).
    Settings s = Settings.load("test-defaults.properties", null, Map.of("REPSTREAM_TOPICS_PARTITIONS", "24",
        "REPSTREAM_TOPICS_REP_EVENTS_PARTITIONS", "6", "REPSTREAM_TOPICS_REPLICATION_FACTOR", "three"));
    Topics topics = Topics.from(s.with("topics.replication.factor", "3"));
    assertThat(topics.spec(Topic.FRAMES).partitions()).isEqualTo(24);
    assertThat(topics.spec(Topic.REP_EVENTS).partitions()).isEqualTo(6);
    assertThat(s.origin("topics.partitions")).isEqualTo("environment REPSTREAM_TOPICS_PARTITIONS");
    assertThatThrownBy(() -> Topics.from(s))
        .hasMessage("invalid setting topics.replication.factor = 'three' (from environment "
            + "REPSTREAM_TOPICS_REPLICATION_FACTOR): expected a whole number from 1 to 7");
  }

  @Test
  void badValuesAreReportedWithKeyValueOriginAndExpectation() {
    Settings s = Settings.load(null, null, Map.of()).with("topics.partitions", "lots");
    assertThatThrownBy(() -> Topics.from(s))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("invalid setting topics.partitions = 'lots' (from command line): expected a whole number from 1 to 10000");
    Settings range = Settings.of(Map.of("x", "0"));
    assertThatThrownBy(() -> range.integer("x", 5, 1, 10)).hasMessageContaining("from 1 to 10");
  }

  @Test
  void missingRequiredSettingNamesTheEnvironmentVariable() {
    assertThatThrownBy(() -> KafkaSettings.from(Settings.of(Map.of())))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("kafka.bootstrap.servers")
        .hasMessageContaining("REPSTREAM_KAFKA_BOOTSTRAP_SERVERS");
  }

  @Test
  void malformedBootstrapAndSecurityProtocolAreRefused() {
    assertThatThrownBy(() -> KafkaSettings.bootstrap("localhost"))
        .hasMessageContaining("host:port");
    assertThatThrownBy(() -> KafkaSettings.from(Settings.of(Map.of("kafka.bootstrap.servers", "a:1",
        "kafka.security.protocol", "SSH")))).hasMessageContaining("SASL_SSL");
  }

  @Test
  void secretsNeverAppearInMessages() {
    Settings s = Settings.of(Map.of("kafka.sasl.jaas.config", "ScramLoginModule password=\"hunter2\""));
    assertThat(s.invalid("kafka.sasl.jaas.config", s.string("kafka.sasl.jaas.config"), "x").getMessage())
        .doesNotContain("hunter2");
    assertThat(KafkaSettings.from(s.with("kafka.bootstrap.servers", "h:1")).toString()).doesNotContain("hunter2");
  }

  @Test
  void durationsAcceptUnitsAndIso() {
    Settings s = Settings.of(Map.of("a", "250ms", "b", "5s", "c", "PT2M", "d", "2 weeks"));
    Duration max = Duration.ofHours(1);
    assertThat(s.duration("a", Duration.ZERO, Duration.ZERO, max)).isEqualTo(Duration.ofMillis(250));
    assertThat(s.duration("b", Duration.ZERO, Duration.ZERO, max)).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.duration("c", Duration.ZERO, Duration.ZERO, max)).isEqualTo(Duration.ofMinutes(2));
    assertThatThrownBy(() -> s.duration("d", Duration.ZERO, Duration.ZERO, max)).hasMessageContaining("500ms");
  }

  @Test
  void topicNamesFollowThePrefixAndPerTopicSizes() {
    Topics t = Topics.from(Settings.of(Map.of("topics.prefix", "gym1.", "topics.frames.partitions", "48")));
    assertThat(t.name(Topic.FRAMES)).isEqualTo("gym1.frames");
    assertThat(t.spec(Topic.FRAMES).partitions()).isEqualTo(48);
    assertThat(t.spec(Topic.PREDICTIONS).partitions()).isEqualTo(Topics.DEFAULT_PARTITIONS);
    assertThat(t.spec(Topic.PARTICIPANT_STATUS).configs()).containsEntry("cleanup.policy", "compact");
    assertThatThrownBy(() -> Topics.from(Settings.of(Map.of("topics.prefix", "bad prefix"))))
        .hasMessageContaining("topics.prefix");
  }
}
