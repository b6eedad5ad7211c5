package io.repstream.broker;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Waits until a freshly started broker serves metadata requests, not merely accepts connections. */
final class BrokerReadiness {
  private static final long RETRY_MILLIS = 100;

  private BrokerReadiness() {}

  /**
   * Waits until the broker(s) at {@code bootstrapServers}, reached with {@code clientProperties} (e.g. SASL_SSL
   * settings), list {@code brokers} live nodes and their topics.
   */
  static void await(String bootstrapServers, Map<String, ?> clientProperties, int brokers, Duration timeout) {
    Map<String, Object> conf = new HashMap<>(clientProperties);
    conf.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Admin admin = Admin.create(conf)) {
      while (true) {
        try {
          int live = admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
          // A broker answers before its metadata is published; listing topics needs the metadata image.
          admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
          if (live >= brokers) {
            return;
          }
          throw new IllegalStateException(live + " of " + brokers + " brokers registered");
        } catch (Exception e) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("embedded Kafka at " + bootstrapServers + " did not become ready within "
                + timeout, e);
          }
          Thread.sleep(RETRY_MILLIS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for embedded Kafka at " + bootstrapServers, e);
    }
  }
}
