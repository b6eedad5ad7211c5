package io.repstream.broker;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The broker's client listener as SASL_SSL with SCRAM-SHA-512: TLS with the given PKCS12 keystore, and every
 * client (the broker itself included, between its own listeners) logging in with a SCRAM user created when
 * the storage is formatted. Clients verify the broker against {@code trustedCertificatePem}.
 *
 * @param keystore PKCS12 file holding the broker's private key and certificate
 * @param keystorePassword password of the keystore and of its key
 * @param trustedCertificatePem PEM certificate(s) clients trust: the broker's own, or the CA that signed it
 * @param brokerUser SCRAM user the broker logs in as on its own listener
 * @param brokerPassword that user's password
 */
public record SaslSslListener(Path keystore, String keystorePassword, Path trustedCertificatePem, String brokerUser,
    String brokerPassword) {
  public static final String SECURITY_PROTOCOL = "SASL_SSL";
  public static final String MECHANISM = "SCRAM-SHA-512";
  /** kafka-storage's SCRAM argument syntax and JAAS quoting have no escapes, so credentials stay plain. */
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._-]{1,128}");

  public SaslSslListener {
    requirePlain("SCRAM user", brokerUser);
    requirePlain("SCRAM password", brokerPassword);
    if (keystorePassword == null || keystorePassword.isEmpty()) {
      throw new IllegalArgumentException("the keystore password is missing");
    }
  }

  static void requirePlain(String what, String value) {
    if (value == null || !PLAIN.matcher(value).matches()) {
      throw new IllegalArgumentException(what + " must be 1 to 128 letters, digits, '.', '_' or '-'");
    }
  }

  /** The client properties (without the services' {@code kafka.} prefix) for logging in as {@code user}. */
  public Map<String, String> clientProperties(String user, String password) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("security.protocol", SECURITY_PROTOCOL);
    p.put("sasl.mechanism", MECHANISM);
    p.put("sasl.jaas.config", jaas(user, password));
    p.put("ssl.truststore.type", "PEM");
    p.put("ssl.truststore.location", trustedCertificatePem.toString());
    return p;
  }

  /** Broker properties for a listener named {@code listenerName}. */
  Map<String, String> brokerProperties(String listenerName) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("sasl.enabled.mechanisms", MECHANISM);
    p.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
    p.put("listener.name." + listenerName.toLowerCase(Locale.ROOT) + "." + MECHANISM.toLowerCase(Locale.ROOT)
        + ".sasl.jaas.config", jaas(brokerUser, brokerPassword));
    p.put("ssl.keystore.type", "PKCS12");
    p.put("ssl.keystore.location", keystore.toString());
    p.put("ssl.keystore.password", keystorePassword);
    p.put("ssl.key.password", keystorePassword);
    p.put("ssl.truststore.type", "PEM");
    p.put("ssl.truststore.location", trustedCertificatePem.toString());
    return p;
  }

  static String jaas(String user, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
        + password + "\";";
  }

  /** A user as {@code kafka-storage format --add-scram} takes it. */
  static String scramArgument(String user, String password) {
    return MECHANISM + "=[name=" + user + ",password=" + password + "]";
  }

  @Override
  public String toString() {
    return "SaslSslListener{keystore=" + keystore + ", trusted=" + trustedCertificatePem + ", brokerUser=" + brokerUser + "}";
  }
}
