package io.repstream.broker;

import io.repstream.common.files.ScratchFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several real Kafka nodes in this JVM, each broker and controller, forming one KRaft quorum: for tests of what
 * happens when a broker goes away. Every node keeps its ports and its data directory for the cluster's life, so a
 * node stopped with {@link #stopNode(int)} comes back with {@link #startNode(int)} as the same broker, with the
 * replicas it held, and clients given {@link #bootstrapServers()} reach whichever nodes are up.
 *
 * <p>Internal topics are replicated to three nodes with two in sync required (as a production cluster would be
 * set), so one node can be down without stopping transactions or consumer groups.
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaCluster.class);
  private static final String HOST = "127.0.0.1";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
  /** A quorum that survives one node down needs three voters. */
  public static final int DEFAULT_NODES = 3;
  private static final int INTERNAL_REPLICATION = 3;
  private static final int INTERNAL_MIN_IN_SYNC = 2;
  /**
   * How long the controller waits for a silent broker before fencing it; Kafka's 9 s default would leave a
   * killed node's partitions leaderless for most of a short test.
   */
  private static final String BROKER_SESSION_TIMEOUT_MS = "4000";
  private static final String BROKER_HEARTBEAT_INTERVAL_MS = "500";

  private final ScratchFolder dataFolder;
  private final List<Node> nodes = new ArrayList<>();
  private final String clusterId = Uuid.randomUuid().toString();
  private final Map<String, String> overrides;

  private static final class Node {
    final int id;
    final int port;
    final int controllerPort;
    final Path logDir;
    KafkaRaftServer server;

    Node(int id, Path logDir, int port, int controllerPort) {
      this.id = id;
      this.port = port;
      this.controllerPort = controllerPort;
      this.logDir = logDir;
    }
  }

  private EmbeddedKafkaCluster(int size, Map<String, String> overrides) {
    try {
      this.dataFolder = ScratchFolder.create("repstream-kafka-cluster-");
      // Every node's two listeners, all different: the voters list names each controller port up front.
      List<Integer> ports = LoopbackPorts.free(2 * size);
      for (int id = 1; id <= size; id++) {
        Path logDir = dataFolder.path().resolve("node-" + id);
        Files.createDirectories(logDir);
        nodes.add(new Node(id, logDir, ports.get(2 * (id - 1)), ports.get(2 * (id - 1) + 1)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data directories for the embedded cluster", e);
    }
    this.overrides = Map.copyOf(overrides);
  }

  /** Starts {@value #DEFAULT_NODES} nodes with temporary data that {@link #close()} deletes. */
  public static EmbeddedKafkaCluster start(Map<String, String> brokerProperties) {
    EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster(DEFAULT_NODES, brokerProperties);
    try {
      // Nodes must start together: none finishes starting before a quorum of controllers has elected a leader.
      CompletableFuture.allOf(cluster.nodes.stream()
          .map(n -> CompletableFuture.runAsync(() -> cluster.launch(n))).toArray(CompletableFuture[]::new)).join();
      BrokerReadiness.await(cluster.bootstrapServers(), Map.of(), cluster.nodes.size(), READY_TIMEOUT);
    } catch (RuntimeException e) {
      cluster.close();
      throw e instanceof CompletionException && e.getCause() instanceof RuntimeException r ? r : e;
    }
    LOG.info("Embedded Kafka cluster {} of {} nodes ready at {}", cluster.clusterId, cluster.nodes.size(),
        cluster.bootstrapServers());
    return cluster;
  }

  public static EmbeddedKafkaCluster start() {
    return start(Map.of());
  }

  private void launch(Node n) {
    String voters = nodes.stream().map(v -> v.id + "@" + HOST + ":" + v.controllerPort).collect(Collectors.joining(","));
    Properties props = KraftNodeProperties.combined(n.id, voters, HOST, n.port, n.controllerPort, HOST, n.logDir);
    props.put("offsets.topic.replication.factor", Integer.toString(INTERNAL_REPLICATION));
    props.put("transaction.state.log.replication.factor", Integer.toString(INTERNAL_REPLICATION));
    props.put("transaction.state.log.min.isr", Integer.toString(INTERNAL_MIN_IN_SYNC));
    props.put("share.coordinator.state.topic.replication.factor", Integer.toString(INTERNAL_REPLICATION));
    props.put("share.coordinator.state.topic.min.isr", Integer.toString(INTERNAL_MIN_IN_SYNC));
    props.put("default.replication.factor", Integer.toString(INTERNAL_REPLICATION));
    props.put("min.insync.replicas", Integer.toString(INTERNAL_MIN_IN_SYNC));
    props.put("broker.session.timeout.ms", BROKER_SESSION_TIMEOUT_MS);
    props.put("broker.heartbeat.interval.ms", BROKER_HEARTBEAT_INTERVAL_MS);
    props.putAll(overrides);
    KafkaConfig config = KafkaConfig.fromProps(props, false);
    KraftStorage.formatIfNew(config, n.logDir, n.id, clusterId, KraftNodeProperties.CONTROLLER_LISTENER, List.of());
    KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
    server.startup();
    synchronized (this) {
      n.server = server;
    }
  }

  /** Every node's client address, comma-separated: what clients bootstrap from, whichever nodes are up. */
  public String bootstrapServers() {
    return nodes.stream().map(n -> HOST + ":" + n.port).collect(Collectors.joining(","));
  }

  public String clusterId() {
    return clusterId;
  }

  /** Node ids, 1 to the cluster's size. */
  public List<Integer> nodeIds() {
    return nodes.stream().map(n -> n.id).toList();
  }

  public synchronized boolean isRunning(int nodeId) {
    return node(nodeId).server != null;
  }

  /** Shuts node {@code nodeId} down; its data stays for {@link #startNode(int)}. */
  public void stopNode(int nodeId) {
    KafkaRaftServer server;
    synchronized (this) {
      Node n = node(nodeId);
      server = n.server;
      n.server = null;
    }
    if (server != null) {
      server.shutdown();
      server.awaitShutdown();
      LOG.info("Embedded Kafka node {} stopped", nodeId);
    }
  }

  /** Starts a stopped node again on its old ports and data, and waits until the cluster lists every node. */
  public void startNode(int nodeId) {
    Node n = node(nodeId);
    if (isRunning(nodeId)) {
      throw new IllegalStateException("node " + nodeId + " is already running");
    }
    launch(n);
    BrokerReadiness.await(bootstrapServers(), Map.of(), nodes.size(), READY_TIMEOUT);
    LOG.info("Embedded Kafka node {} back", nodeId);
  }

  private Node node(int nodeId) {
    if (nodeId < 1 || nodeId > nodes.size()) {
      throw new IllegalArgumentException("no node " + nodeId + " in a cluster of " + nodes.size());
    }
    return nodes.get(nodeId - 1);
  }

  /** Stops every node and deletes the cluster's data. */
  @Override
  public void close() {
    // In parallel: a node shutting down alone waits for a controller quorum the others have already left.
    CompletableFuture.allOf(nodes.stream().map(n -> CompletableFuture.runAsync(() -> stopNode(n.id)))
        .toArray(CompletableFuture[]::new)).join();
    dataFolder.close();
  }
}
