package io.repstream.app;

import io.repstream.broker.EmbeddedKafkaBroker;
import io.repstream.common.config.KafkaSettings;
import io.repstream.common.config.Settings;
import io.repstream.common.kafka.TopicCreator;
import io.repstream.common.kafka.Topics;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs a single-node Kafka (KRaft) broker in this JVM for local classes, demos and development. */
@Command(name = "broker", mixinStandardHelpOptions = true,
    description = {"Runs an embedded single-node Kafka broker (KRaft) until stopped with Ctrl-C or SIGTERM.",
        "For production, point the services at a real cluster with kafka.bootstrap.servers instead."})
final class BrokerCommand implements Callable<Integer> {
  private static final int DEFAULT_PORT = 9092;

  @Option(names = "--port", defaultValue = "" + DEFAULT_PORT, description = "Client port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--listen-host", defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
  String listenHost;

  @Option(names = "--advertised-host", defaultValue = "localhost",
      description = "Host name clients are told to connect to (default: ${DEFAULT-VALUE}).")
  String advertisedHost;

  @Option(names = "--data-dir",
      description = "Keep topics and offsets in this directory across restarts (default: a temporary directory, deleted on exit).")
  Path dataDir;

  @Option(names = "--no-topics", description = "Do not create RepStream's topics at start (they are created with default sizes otherwise).")
  boolean skipTopics;

  @Override
  public Integer call() throws Exception {
    if (port < 1 || port > 65535) {
      throw Settings.of(java.util.Map.of()).invalid("--port", Integer.toString(port), "a TCP port from 1 to 65535");
    }
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().port(port).listenHost(listenHost)
        .advertisedHost(advertisedHost).dataDir(dataDir).build();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      broker.close();
      stopped.countDown();
    }, "broker-shutdown"));
    broker.start();
    if (!skipTopics) {
      try (Admin admin = Admin.create(KafkaSettings.bootstrap(broker.bootstrapServers()).clientProperties())) {
        TopicCreator.ensure(admin, Topics.defaults());
      }
    }
    System.out.println("Kafka broker ready at " + broker.bootstrapServers() + " (cluster " + broker.clusterId()
        + "). Stop with Ctrl-C.");
    stopped.await();
    return 0;
  }
}
