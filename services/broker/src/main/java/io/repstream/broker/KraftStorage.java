package io.repstream.broker;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * The on-disk side of an embedded KRaft node: formatting its log directory the way {@code kafka-storage.sh format}
 * would, and finding the cluster id of one formatted before, so a restarted node keeps its topics and offsets.
 */
final class KraftStorage {
  private static final String META = "meta.properties";

  private KraftStorage() {}

  /**
   * Formats {@code logDir} for node {@code nodeId} of cluster {@code clusterId} unless it holds storage already,
   * and returns the cluster id the directory belongs to. {@code scramArguments} are SCRAM users in
   * {@code kafka-storage format --add-scram} form (may be empty).
   */
  static String formatIfNew(KafkaConfig config, Path logDir, int nodeId, String clusterId, String controllerListener,
      List<String> scramArguments) {
    try {
      if (Files.exists(logDir.resolve(META))) {
        return readClusterId(logDir);
      }
      Formatter formatter = new Formatter()
          .setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
          .setNodeId(nodeId)
          .setClusterId(clusterId)
          .setReleaseVersion(MetadataVersion.latestProduction())
          .setControllerListenerName(controllerListener)
          .setMetadataLogDirectory(config.metadataLogDir())
          .addDirectory(logDir.toString());
      if (!scramArguments.isEmpty()) {
        // KRaft keeps SCRAM credentials in its metadata log; writing them at format time means the very first
        // client, the broker itself included, can already log in.
        formatter.setScramArguments(scramArguments);
      }
      formatter.run();
      return formatter.clusterId();
    } catch (Exception e) {
      throw new IllegalStateException("cannot format Kafka storage in " + logDir + ": " + e.getMessage(), e);
    }
  }

  private static String readClusterId(Path logDir) throws IOException {
    Properties meta = new Properties();
    try (var in = Files.newInputStream(logDir.resolve(META))) {
      meta.load(in);
    }
    return meta.getProperty("cluster.id");
  }
}
