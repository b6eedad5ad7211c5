package io.repstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.repstream.deploy.DeployTree.Manifest;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts each service the way deploy/k8s runs it: the image's ENV and ENTRYPOINT (read from
 * deploy/docker/Dockerfile), the container's args, and its environment from the manifests with ConfigMaps and
 * Secrets resolved; then waits for its readiness probe's endpoint to answer 200 and stops it with SIGTERM.
 *
 * <p>Only what a test broker cannot offer is changed, each for the reason given in {@link #forTestBroker}:
 * the bootstrap address, the replication factor (one broker), the classifier's device (no GPU here), and the
 * volume mount paths (folders under target/). Against a broker that speaks SASL_SSL as the cluster does
 * ({@link #clusterLogins}), the Secrets Strimzi would make are filled with that broker's SCRAM logins and CA
 * certificate and the services' security settings are kept as deployed; against a PLAINTEXT broker they are
 * dropped, not faked.
 */
abstract class ServicesBootWithManifestEnvironment {
  private static final Logger LOG = LoggerFactory.getLogger(ServicesBootWithManifestEnvironment.class);
  /** Loading libtorch and MoveNet on a busy 2-core machine is the slowest start; the manifests allow 5 min. */
  private static final Duration HEALTHY_WITHIN = Duration.ofMinutes(3);
  private static final Duration STOPPED_WITHIN = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final int HTTP_OK = 200;
  private static final String IMAGE_APP_DIR = "/opt/repstream";
  /** A token of the documented form for the hand-made Secret repstream-dashboard-tokens. */
  private static final Map<String, String> EXTERNAL_SECRETS =
      Map.of("repstream-dashboard-tokens/tokens", "boot-test=token-for-the-boot-test-0001");
  private static final Map<String, String> POD_FIELDS = Map.of("status.podIP", "127.0.0.1");

  /** host:port of the broker the services are pointed at. */
  abstract String bootstrapServers();

  /**
   * What stands in for the Secrets Strimzi makes when the test broker speaks SASL_SSL with SCRAM, as the deployed
   * cluster does: each KafkaUser's password, the certificate clients trust, and the client settings of an admin
   * login. Empty for a PLAINTEXT broker.
   */
  Optional<ClusterLogins> clusterLogins() {
    return Optional.empty();
  }

  /** SCRAM passwords by KafkaUser name, the broker's CA certificate (PEM), and admin client settings. */
  record ClusterLogins(Map<String, String> passwords, Path caCertificate, Map<String, String> adminClient) {
    Map<String, String> secrets() {
      Map<String, String> out = new HashMap<>();
      passwords.forEach((user, password) -> {
        out.put(user + "/password", password);
        out.put(user + "/sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
            + user + "\" password=\"" + password + "\";");
      });
      return out;
    }
  }

  /** Kind and name of every workload that runs the repstream image. */
  private static final List<List<String>> WORKLOADS = List.of(List.of("Deployment", "repstream-ingest"),
      List.of("Deployment", "repstream-classifier"), List.of("StatefulSet", "repstream-counter"),
      List.of("Deployment", "repstream-dashboard"));

  /** A started service and where its readiness probe looks. */
  private record Running(String name, Process process, int healthPort, String healthPath, Path log) {}

  /** All four at once, as a rollout starts them: the slowest start (the classifier) bounds the test's time. */
  @Test
  void everyServiceBootsHealthyWithTheManifestEnvironment() throws Exception {
    List<Manifest> all = DeployTree.manifests();
    createTopicsAsStrimziWould(all);
    ImageDefinition image = ImageDefinition.read(DeployTree.repositoryRoot().resolve("deploy/docker/Dockerfile"));
    List<Running> running = new ArrayList<>();
    try {
      for (List<String> w : WORKLOADS) {
        running.add(start(image, WorkloadContainer.of(all, w.get(0), w.get(1), EXTERNAL_SECRETS, POD_FIELDS,
            clusterLogins().map(ClusterLogins::secrets).orElse(Map.of()))));
      }
      for (Running r : running) {
        awaitHealthy(r);
      }
    } finally {
      running.forEach(r -> r.process().destroy());
      for (Running r : running) {
        boolean stopped = r.process().waitFor(STOPPED_WITHIN.toSeconds(), TimeUnit.SECONDS);
        if (!stopped) {
          r.process().destroyForcibly();
        }
        assertThat(stopped).as(r.name() + " stops within " + STOPPED_WITHIN + " of SIGTERM; log " + r.log()).isTrue();
      }
    }
  }

  private Running start(ImageDefinition image, WorkloadContainer container) throws IOException {
    String name = container.workload();
    Path work = Files.createDirectories(DeployTree.repositoryRoot().resolve("deploy/target/boot").resolve(name));
    Map<String, String> mounts = new LinkedHashMap<>();
    for (String mountPath : container.mountPaths()) {
      mounts.put(mountPath, Files.createDirectories(work.resolve(mountPath.substring(1))).toString());
    }
    Map<String, String> env = new LinkedHashMap<>(image.environment());
    env.putAll(container.env());
    env = forTestBroker(env, mounts);
    int healthPort = freeOrRemapped(container, env);

    List<String> command = new ArrayList<>();
    for (String part : image.entrypoint()) {
      command.add(part.equals("java") ? Path.of(System.getProperty("java.home"), "bin", "java").toString()
          : part.replace(IMAGE_APP_DIR, appDir().toString()));
    }
    command.addAll(container.args());
    Path log = work.resolve("service.log");
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    LOG.info("Starting {}: {} with {} environment variables", name, command, env.size());
    return new Running(name, pb.start(), healthPort, container.healthPath(), log);
  }

  /**
   * The manifests' environment with the few changes a single test broker needs. Everything else (topic
   * names and partitions, ports, worker counts, batch sizes, the counter's standby replicas) is as deployed.
   */
  private Map<String, String> forTestBroker(Map<String, String> env, Map<String, String> mounts) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    Optional<ClusterLogins> logins = clusterLogins();
    env.forEach((k, v) -> {
      // A PLAINTEXT test broker: SASL_SSL settings and the SCRAM credentials Strimzi would generate are dropped,
      // not faked.
      boolean security = k.equals("REPSTREAM_KAFKA_SECURITY_PROTOCOL") || k.startsWith("REPSTREAM_KAFKA_SASL_")
          || k.startsWith("REPSTREAM_KAFKA_SSL_");
      if (logins.isPresent() || !security) {
        String value = v;
        for (Map.Entry<String, String> m : mounts.entrySet()) {
          value = value.replace(m.getKey(), m.getValue());
        }
        out.put(k, value);
      }
    });
    assertThat(out.values()).as("every Strimzi-made secret feeds a SASL setting").doesNotContain(WorkloadContainer.GENERATED_BY_STRIMZI);
    if (logins.isPresent()) {
      assertThat(out).as("the manifests connect over SASL_SSL").containsEntry("REPSTREAM_KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
      // The cluster CA Strimzi would mount: the test broker's certificate, at the path the manifests read it from.
      Path trusted = Path.of(out.get("REPSTREAM_KAFKA_SSL_TRUSTSTORE_LOCATION"));
      Files.createDirectories(trusted.getParent());
      Files.copy(logins.get().caCertificate(), trusted, StandardCopyOption.REPLACE_EXISTING);
    }
    out.put("REPSTREAM_KAFKA_BOOTSTRAP_SERVERS", bootstrapServers());
    // One broker cannot hold three replicas.
    out.put("REPSTREAM_TOPICS_REPLICATION_FACTOR", "1");
    // No GPU on the test machine; the CUDA natives are not in the CPU image either.
    out.computeIfPresent("REPSTREAM_CLASSIFIER_DEVICE", (k, v) -> "cpu");
    return out;
  }

  /** The probe's port, or, when something else on this machine holds it, a free one set through the env. */
  private static int freeOrRemapped(WorkloadContainer c, Map<String, String> env) throws IOException {
    if (isFree(c.healthPort())) {
      return c.healthPort();
    }
    String variable = env.entrySet().stream()
        .filter(e -> e.getKey().endsWith("_PORT") && e.getValue().equals(Integer.toString(c.healthPort())))
        .map(Map.Entry::getKey).findFirst()
        .orElseThrow(() -> new IllegalStateException("port " + c.healthPort() + " is taken and no variable sets it"));
    try (ServerSocket s = new ServerSocket(0)) {
      LOG.warn("Port {} is in use on this machine; {} moved to {} for this test", c.healthPort(), variable, s.getLocalPort());
      env.put(variable, Integer.toString(s.getLocalPort()));
      return s.getLocalPort();
    }
  }

  private static boolean isFree(int port) {
    try (ServerSocket s = new ServerSocket(port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void awaitHealthy(Running service) throws Exception {
    int port = service.healthPort();
    Path log = service.log();
    HttpClient http = HttpClient.newBuilder().connectTimeout(POLL).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + service.healthPath())).timeout(Duration.ofSeconds(5)).build();
    long deadline = System.nanoTime() + HEALTHY_WITHIN.toNanos();
    int last = -1;
    while (System.nanoTime() < deadline) {
      if (!service.process().isAlive()) {
        throw new AssertionError(service.name() + " exited with " + service.process().exitValue()
            + " before it was healthy:\n" + tail(log));
      }
      try {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        last = r.statusCode();
        if (last == HTTP_OK) {
          LOG.info("{} healthy on port {}: {}", service.name(), port, r.body().strip());
          // MetricsServer's JSON must name the service's own checks, all UP; ingest's API answers "ok".
          if (r.body().startsWith("{")) {
            JsonNode health = DeployTree.YAML.readTree(r.body());
            assertThat(health.path("status").asText()).isEqualTo("UP");
            assertThat(health.path("checks").size()).as("checks the service registered").isPositive();
          }
          return;
        }
      } catch (IOException notListeningYet) {
        // Keep polling until the deadline.
      }
      Thread.sleep(POLL.toMillis());
    }
    throw new AssertionError(service.name() + " not healthy within " + HEALTHY_WITHIN + " (last status " + last + "):\n" + tail(log));
  }

  /** The topics as the KafkaTopic resources declare them, since on a cluster they exist before any service. */
  private void createTopicsAsStrimziWould(List<Manifest> all) throws Exception {
    Map<String, Object> conf = new HashMap<>(clusterLogins().map(ClusterLogins::adminClient).orElse(Map.of()));
    conf.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    try (Admin admin = Admin.create(conf)) {
      var existing = admin.listTopics().names().get();
      List<NewTopic> missing = new ArrayList<>();
      for (Manifest m : all) {
        if (!m.kind().equals("KafkaTopic")) {
          continue;
        }
        JsonNode spec = m.body().path("spec");
        String topic = spec.path("topicName").asText(m.name());
        if (existing.contains(topic)) {
          continue;
        }
        Map<String, String> configs = new HashMap<>();
        spec.path("config").fields().forEachRemaining(e -> configs.put(e.getKey(), e.getValue().asText()));
        missing.add(new NewTopic(topic, spec.path("partitions").asInt(), (short) 1).configs(configs));
      }
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get();
      }
    }
  }

  private static Path appDir() {
    Path app = DeployTree.repositoryRoot().resolve("services/app/target");
    if (!Files.isRegularFile(app.resolve("repstream.jar"))) {
      throw new IllegalStateException(app + "/repstream.jar is missing: build it first (mvn -DskipTests package)");
    }
    return app;
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }
}
