package io.repstream.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A broker key pair and self-signed certificate for 127.0.0.1/localhost, made by the JDK's own keytool so
 * no key material is checked in: a PKCS12 keystore for the broker and the certificate as PEM for clients. For
 * local SASL_SSL brokers in tests; a real cluster's certificates come from its own CA.
 */
public record SelfSignedCertificate(Path keystore, String password, Path certificatePem) {
  private static final String ALIAS = "broker";
  private static final long KEYTOOL_TIMEOUT_SECONDS = 60;
  /** Long enough for any test run; a leaked test key is worthless a day later. */
  private static final String VALIDITY_DAYS = "1";

  public static SelfSignedCertificate create(Path dir, String password) throws IOException, InterruptedException {
    Path keystore = dir.resolve("broker.p12");
    Path pem = dir.resolve("broker.pem");
    keytool("-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
        "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", VALIDITY_DAYS, "-storetype", "PKCS12",
        "-keystore", keystore.toString(), "-storepass", password, "-keypass", password);
    keytool("-exportcert", "-rfc", "-alias", ALIAS, "-keystore", keystore.toString(), "-storepass", password,
        "-file", pem.toString());
    return new SelfSignedCertificate(keystore, password, pem);
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException("keytool " + args[0] + " failed: " + output);
    }
  }
}
