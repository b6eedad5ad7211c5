package io.repstream.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.repstream.common.config.KafkaSettings;
import io.repstream.common.config.Settings;
import io.repstream.common.kafka.AvroSerde;
import io.repstream.common.kafka.Topic;
import io.repstream.common.kafka.Topics;
import io.repstream.schemas.Frame;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The services' Kafka clients against a broker that only speaks SASL_SSL with SCRAM-SHA-512, configured the
 * way a deployment would be: kafka.* settings passed through {@link KafkaSettings}. With the right login,
 * frames round-trip (the whole {@link FrameRoundTripContract}); without one, or with a wrong password, the
 * broker refuses the client.
 */
class SaslSslBrokerIT extends FrameRoundTripContract {
  private static final String SERVICE_USER = "repstream-ingest";
  private static final String SERVICE_PASSWORD = "ingest-secret-0123456789";
  /** Refused clients give up this fast instead of retrying for the default minute. */
  private static final String REFUSED_TIMEOUT_MS = "3000";

  private static Path dir;
  private static SaslSslListener listener;
  private static EmbeddedKafkaBroker broker;

  @BeforeAll
  static void startBroker() throws Exception {
    dir = Files.createTempDirectory("repstream-tls-");
    SelfSignedCertificate cert = SelfSignedCertificate.create(dir, "keystore-secret-0123");
    listener = new SaslSslListener(cert.keystore(), cert.password(), cert.certificatePem(), "broker", "broker-secret-0123456789");
    broker = EmbeddedKafkaBroker.builder().saslSsl(listener).scramUser(SERVICE_USER, SERVICE_PASSWORD).build().start();
  }

  @AfterAll
  static void stopBroker() throws Exception {
    if (broker != null) {
      broker.close();
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Override
  String bootstrapServers() {
    return broker.bootstrapServers();
  }

  @Override
  KafkaSettings kafka() {
    return settingsFor(SERVICE_USER, SERVICE_PASSWORD);
  }

  private static KafkaSettings settingsFor(String user, String password) {
    Map<String, String> s = new HashMap<>();
    s.put(KafkaSettings.BOOTSTRAP_SERVERS, broker.bootstrapServers());
    listener.clientProperties(user, password).forEach((k, v) -> s.put(KafkaSettings.PREFIX + k, v));
    return KafkaSettings.from(Settings.of(s));
  }

  @Test
  void aClientWithoutCredentialsIsRefused() {
    Properties plain = KafkaSettings.bootstrap(broker.bootstrapServers()).clientProperties();
    plain.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, REFUSED_TIMEOUT_MS);
    plain.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, REFUSED_TIMEOUT_MS);
    try (Admin admin = Admin.create(plain)) {
      assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
    }
    // TLS alone, without a SASL login, gets no further.
    Properties tlsOnly = KafkaSettings.bootstrap(broker.bootstrapServers()).clientProperties();
    tlsOnly.put("security.protocol", "SSL");
    tlsOnly.put("ssl.truststore.type", "PEM");
    tlsOnly.put("ssl.truststore.location", listener.trustedCertificatePem().toString());
    tlsOnly.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, REFUSED_TIMEOUT_MS);
    tlsOnly.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, REFUSED_TIMEOUT_MS);
    try (Admin admin = Admin.create(tlsOnly)) {
      assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
    }
  }

  @Test
  void aWrongPasswordOrUnknownUserIsRefusedWithAClearError() {
    for (KafkaSettings wrong : new KafkaSettings[] {settingsFor(SERVICE_USER, "not-the-password"), settingsFor("intruder", SERVICE_PASSWORD)}) {
      Properties p = wrong.clientProperties();
      p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, REFUSED_TIMEOUT_MS);
      try (KafkaProducer<String, Frame> producer = new KafkaProducer<>(p, new StringSerializer(), AvroSerde.frame())) {
        Frame f = frame("student-0", 0, Instant.now());
        assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.defaults().name(Topic.FRAMES), "student-0", f)).get())
            .satisfiesAnyOf(
                e -> assertThat(e).isInstanceOf(SaslAuthenticationException.class),
                e -> assertThat(e).hasCauseInstanceOf(SaslAuthenticationException.class))
            .hasMessageContaining("invalid credentials");
      }
    }
  }

  @Test
  void theClientSettingsNeverPrintThePassword() {
    assertThat(kafka().toString()).doesNotContain(SERVICE_PASSWORD).contains("security.protocol=SASL_SSL");
    assertThat(listener.toString()).doesNotContain("broker-secret").doesNotContain("keystore-secret");
  }
}
