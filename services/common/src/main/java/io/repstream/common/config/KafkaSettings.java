package io.repstream.common.config;

import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * How a service reaches Kafka: the bootstrap servers plus every other client property under {@code kafka.}
 * (security.protocol, sasl.*, ssl.*), so the same jar runs against the embedded broker or a secured cluster.
 */
public final class KafkaSettings {
  public static final String PREFIX = "kafka.";
  public static final String BOOTSTRAP_SERVERS = PREFIX + "bootstrap.servers";
  private static final String[] SECURITY_PROTOCOLS = {"PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"};

  private final Map<String, String> clientProperties;

  private KafkaSettings(Map<String, String> clientProperties) {
    this.clientProperties = clientProperties;
  }

  public static KafkaSettings from(Settings settings) {
    String servers = settings.string(BOOTSTRAP_SERVERS);
    for (String server : servers.split(",")) {
      String s = server.trim();
      int colon = s.lastIndexOf(':');
      boolean portOk = colon > 0 && colon < s.length() - 1 && s.substring(colon + 1).chars().allMatch(Character::isDigit);
      if (!portOk) {
        throw settings.invalid(BOOTSTRAP_SERVERS, servers, "a comma-separated list of host:port");
      }
    }
    settings.oneOf(PREFIX + "security.protocol", "PLAINTEXT", SECURITY_PROTOCOLS);
    return new KafkaSettings(new TreeMap<>(settings.withPrefix(PREFIX)));
  }

  public static KafkaSettings bootstrap(String servers) {
    return from(Settings.of(Map.of(BOOTSTRAP_SERVERS, servers)));
  }

  public String bootstrapServers() {
    return clientProperties.get("bootstrap.servers");
  }

  /** Client properties to start a producer, consumer, admin client or Streams app from. */
  public Properties clientProperties() {
    Properties p = new Properties();
    p.putAll(clientProperties);
    return p;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("KafkaSettings{");
    clientProperties.forEach((k, v) -> b.append(k).append('=').append(Settings.isSecret(k) ? "****" : v).append(", "));
    return b.append('}').toString();
  }
}
