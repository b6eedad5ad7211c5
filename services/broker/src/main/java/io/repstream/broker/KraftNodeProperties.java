package io.repstream.broker;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The configuration every embedded node shares: one KRaft process acting as broker and controller, plaintext
 * client and controller listeners, the settings tests and the demo want. Callers add the replication settings
 * that suit their number of nodes.
 */
final class KraftNodeProperties {
  static final String BROKER_LISTENER = "PLAINTEXT";
  static final String CONTROLLER_LISTENER = "CONTROLLER";

  private KraftNodeProperties() {}

  /**
   * @param voters {@code controller.quorum.voters}, e.g. {@code 1@127.0.0.1:9093,2@127.0.0.1:9095}
   */
  static Properties combined(int nodeId, String voters, String listenHost, int port, int controllerPort,
      String advertisedHost, Path logDir) {
    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", Integer.toString(nodeId));
    props.put("controller.quorum.voters", voters);
    props.put("listeners", BROKER_LISTENER + "://" + listenHost + ":" + port + "," + CONTROLLER_LISTENER + "://"
        + listenHost + ":" + controllerPort);
    props.put("advertised.listeners", BROKER_LISTENER + "://" + advertisedHost + ":" + port);
    props.put("controller.listener.names", CONTROLLER_LISTENER);
    props.put("inter.broker.listener.name", BROKER_LISTENER);
    props.put("listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    props.put("log.dirs", logDir.toString());
    props.put("offsets.topic.num.partitions", "5");
    props.put("transaction.state.log.num.partitions", "5");
    // Tests and the demo create consumer groups constantly; the default 3 s delay only slows them.
    props.put("group.initial.rebalance.delay.ms", "0");
    // Topics are created by TopicCreator with their proper sizes; a typo must not silently make a new one.
    props.put("auto.create.topics.enable", "false");
    props.put("num.partitions", "1");
    return props;
  }
}
