package io.repstream.broker;

import io.repstream.common.files.ScratchFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker in this JVM: one KRaft node acting as broker and controller, with its storage formatted
 * the way {@code kafka-storage.sh format} would. Used by the tests (a fresh port and directory each) and by
 * {@code repstream broker} / {@code repstream demo} for local runs; services talk to it over TCP exactly as
 * they would to a cluster.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  private static final int NODE_ID = 1;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final Path dataDir;
  /** The temporary folder the broker made for its data, deleted on close; null when the caller gave a folder. */
  private final ScratchFolder ownDataFolder;
  private final String listenHost;
  private final String advertisedHost;
  private final int requestedPort;
  private final Map<String, String> overrides;
  private final SaslSslListener saslSsl;
  private final Map<String, String> scramUsers;

  private KafkaRaftServer server;
  private int port;
  private String clusterId;

  private EmbeddedKafkaBroker(Builder b) {
    try {
      this.ownDataFolder = b.dataDir == null ? ScratchFolder.create("repstream-kafka-") : null;
      this.dataDir = ownDataFolder != null ? ownDataFolder.path() : b.dataDir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a data directory for the embedded broker", e);
    }
    this.listenHost = b.listenHost;
    this.advertisedHost = b.advertisedHost;
    this.requestedPort = b.port;
    this.overrides = Map.copyOf(b.overrides);
    this.saslSsl = b.saslSsl;
    this.scramUsers = new LinkedHashMap<>(b.scramUsers);
    if (saslSsl == null && !scramUsers.isEmpty()) {
      throw new IllegalArgumentException("SCRAM users need a SASL_SSL listener: call saslSsl(...) too");
    }
    if (saslSsl != null) {
      scramUsers.putIfAbsent(saslSsl.brokerUser(), saslSsl.brokerPassword());
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts a broker on a free loopback port with a temporary directory that {@link #close()} deletes. */
  public static EmbeddedKafkaBroker startDefault() {
    return builder().build().start();
  }

  /** Formats storage if this directory holds none yet, then starts the node and waits until it serves requests. */
  public synchronized EmbeddedKafkaBroker start() {
    if (server != null) {
      throw new IllegalStateException("broker already started");
    }
    List<Integer> free = LoopbackPorts.free(2);
    port = requestedPort == 0 ? free.get(0) : requestedPort;
    int controllerPort = free.get(0) == port ? free.get(1) : free.get(0);
    Path logDir = dataDir.resolve("log");
    try {
      Files.createDirectories(logDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create broker log directory " + logDir, e);
    }
    Properties props = KraftNodeProperties.combined(NODE_ID, NODE_ID + "@" + listenHost + ":" + controllerPort,
        listenHost, port, controllerPort, advertisedHost, logDir);
    if (saslSsl != null) {
      // Clients (and the broker itself) come in over SASL_SSL only; the controller listener stays PLAINTEXT on the
      // listen host, since only this node's own broker talks to it.
      String listener = SaslSslListener.SECURITY_PROTOCOL;
      props.put("listeners", listener + "://" + listenHost + ":" + port + "," + KraftNodeProperties.CONTROLLER_LISTENER
          + "://" + listenHost + ":" + controllerPort);
      props.put("advertised.listeners", listener + "://" + advertisedHost + ":" + port);
      props.put("inter.broker.listener.name", listener);
      props.put("listener.security.protocol.map", listener + ":" + listener + "," + KraftNodeProperties.CONTROLLER_LISTENER
          + ":PLAINTEXT");
      props.putAll(saslSsl.brokerProperties(listener));
    }
    // One node: every internal topic must fit on it.
    props.put("offsets.topic.replication.factor", "1");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    props.putAll(overrides);

    KafkaConfig config = KafkaConfig.fromProps(props, false);
    List<String> scram = new ArrayList<>();
    scramUsers.forEach((user, password) -> scram.add(SaslSslListener.scramArgument(user, password)));
    clusterId = KraftStorage.formatIfNew(config, logDir, NODE_ID, Uuid.randomUuid().toString(),
        KraftNodeProperties.CONTROLLER_LISTENER, scram);
    long t0 = System.nanoTime();
    server = new KafkaRaftServer(config, Time.SYSTEM);
    server.startup();
    BrokerReadiness.await(bootstrapServers(),
        saslSsl == null ? Map.of() : saslSsl.clientProperties(saslSsl.brokerUser(), saslSsl.brokerPassword()), 1, READY_TIMEOUT);
    LOG.info("Embedded Kafka broker {} ready at {} in {} ms (data in {})", clusterId, bootstrapServers(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), dataDir);
    return this;
  }

  public String bootstrapServers() {
    return advertisedHost + ":" + port;
  }

  public int port() {
    return port;
  }

  public String clusterId() {
    return clusterId;
  }

  public Path dataDir() {
    return dataDir;
  }

  public synchronized boolean isRunning() {
    return server != null;
  }

  /** Stops the node; its data stays so {@link #start()} resumes it with every topic and offset. */
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    server.shutdown();
    server.awaitShutdown();
    server = null;
    LOG.info("Embedded Kafka broker at {} stopped", bootstrapServers());
  }

  /** Stops the node and deletes its data if the directory was a temporary one. */
  @Override
  public synchronized void close() {
    stop();
    if (ownDataFolder != null) {
      ownDataFolder.close();
    }
  }

  /** Options of an embedded broker; every one has a default suited to tests. */
  public static final class Builder {
    private Path dataDir;
    private String listenHost = "127.0.0.1";
    private String advertisedHost = "127.0.0.1";
    private int port;
    private final Map<String, String> overrides = new HashMap<>();
    private SaslSslListener saslSsl;
    private final Map<String, String> scramUsers = new LinkedHashMap<>();

    /** A directory that outlives the broker, so a restart keeps topics and offsets. Default: a temporary one. */
    public Builder dataDir(Path dir) {
      this.dataDir = dir;
      return this;
    }

    /** The client port; 0 (default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("broker port must be 0..65535, got " + port);
      }
      this.port = port;
      return this;
    }

    public Builder listenHost(String host) {
      this.listenHost = host;
      return this;
    }

    public Builder advertisedHost(String host) {
      this.advertisedHost = host;
      return this;
    }

    /** Any broker property, e.g. listeners with SASL, or retention. */
    public Builder property(String key, String value) {
      overrides.put(key, value);
      return this;
    }

    /** Serves clients over SASL_SSL with SCRAM-SHA-512 instead of PLAINTEXT; a client without a login is refused. */
    public Builder saslSsl(SaslSslListener listener) {
      this.saslSsl = listener;
      return this;
    }

    /** A SCRAM-SHA-512 user clients may log in as, created when the storage is first formatted. */
    public Builder scramUser(String user, String password) {
      SaslSslListener.requirePlain("SCRAM user", user);
      SaslSslListener.requirePlain("SCRAM password", password);
      scramUsers.put(user, password);
      return this;
    }

    public EmbeddedKafkaBroker build() {
      return new EmbeddedKafkaBroker(this);
    }
  }
}
