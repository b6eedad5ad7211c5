package io.repstream.deploy;

import io.repstream.broker.EmbeddedKafkaBroker;
import io.repstream.broker.SaslSslListener;
import io.repstream.broker.SelfSignedCertificate;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The services, started with the manifests' environment, against the embedded KRaft broker speaking SASL_SSL
 * with SCRAM-SHA-512 as the Strimzi cluster does: every KafkaUser of the manifests exists on it with a password
 * made for this run, so each service logs in with exactly the security settings it is deployed with.
 */
class EmbeddedBrokerBootIT extends ServicesBootWithManifestEnvironment {
  private static final String BROKER_USER = "embedded-broker";
  private static final int PASSWORD_BYTES = 16;
  private static EmbeddedKafkaBroker broker;
  private static ClusterLogins logins;
  /** The broker's keystore; JUnit deletes it after the last test. */
  @TempDir static Path certificates;

  @BeforeAll
  static void startBroker() throws Exception {
    SecureRandom random = new SecureRandom();
    SelfSignedCertificate cert = SelfSignedCertificate.create(certificates, password(random));
    SaslSslListener listener = new SaslSslListener(cert.keystore(), cert.password(), cert.certificatePem(), BROKER_USER,
        password(random));
    EmbeddedKafkaBroker.Builder builder = EmbeddedKafkaBroker.builder().saslSsl(listener);
    Map<String, String> passwords = new LinkedHashMap<>();
    for (DeployTree.Manifest m : DeployTree.manifests()) {
      if (m.kind().equals("KafkaUser")) {
        passwords.put(m.name(), password(random));
        builder.scramUser(m.name(), passwords.get(m.name()));
      }
    }
    broker = builder.build().start();
    logins = new ClusterLogins(passwords, cert.certificatePem(),
        listener.clientProperties(BROKER_USER, listener.brokerPassword()));
  }

  private static String password(SecureRandom random) {
    byte[] b = new byte[PASSWORD_BYTES];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Override
  String bootstrapServers() {
    return broker.bootstrapServers();
  }

  @Override
  Optional<ClusterLogins> clusterLogins() {
    return Optional.of(logins);
  }
}
