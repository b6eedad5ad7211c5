package io.repstream.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
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
  private final boolean ownsDataDir;
  private final String listenHost;
  private final String advertisedHost;
  private final int requestedPort;
  private final Map<String, String> overrides;

  private KafkaRaftServer server;
  private int port;
  private String clusterId;

  private EmbeddedKafkaBroker(Builder b) {
    try {
      this.ownsDataDir = b.dataDir == null;
      this.dataDir = ownsDataDir ? Files.createTempDirectory("repstream-kafka-") : b.dataDir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a data directory for the embedded broker", e);
    }
    this.listenHost = b.listenHost;
    this.advertisedHost = b.advertisedHost;
    this.requestedPort = b.port;
    this.overrides = Map.copyOf(b.overrides);
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
    port = requestedPort == 0 ? LoopbackPorts.free() : requestedPort;
    int controllerPort = LoopbackPorts.free();
    Path logDir = dataDir.resolve("log");
    try {
      Files.createDirectories(logDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create broker log directory " + logDir, e);
    }
    Properties props = KraftNodeProperties.combined(NODE_ID, NODE_ID + "@" + listenHost + ":" + controllerPort,
        listenHost, port, controllerPort, advertisedHost, logDir);
    // One node: every internal topic must fit on it.
    props.put("offsets.topic.replication.factor", "1");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    props.putAll(overrides);

    KafkaConfig config = KafkaConfig.fromProps(props, false);
    clusterId = KraftStorage.formatIfNew(config, logDir, NODE_ID, Uuid.randomUuid().toString(),
        KraftNodeProperties.CONTROLLER_LISTENER);
    long t0 = System.nanoTime();
    server = new KafkaRaftServer(config, Time.SYSTEM);
    server.startup();
    BrokerReadiness.await(bootstrapServers(), 1, READY_TIMEOUT);
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
    if (ownsDataDir) {
      KraftStorage.deleteRecursively(dataDir);
    }
  }

  /** Options of an embedded broker; every one has a default suited to tests. */
  public static final class Builder {
    private Path dataDir;
    private String listenHost = "127.0.0.1";
    private String advertisedHost = "127.0.0.1";
    private int port;
    private final Map<String, String> overrides = new HashMap<>();

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

    public EmbeddedKafkaBroker build() {
      return new EmbeddedKafkaBroker(this);
    }
  }
}
