package io.repstream.app;

import io.repstream.common.config.KafkaSettings;
import io.repstream.common.kafka.TopicCreator;
import io.repstream.common.kafka.Topics;
import io.repstream.common.metrics.MetricsServer;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;

/** What every long-running service command does around its service: topics, metrics, and a clean stop. */
final class ServiceRun {
  private ServiceRun() {}

  static void ensureTopics(KafkaSettings kafka, Topics topics) {
    try (Admin admin = Admin.create(kafka.clientProperties())) {
      TopicCreator.ensure(admin, topics);
    }
  }

  /** Blocks until Ctrl-C or SIGTERM, then closes the service and its metrics endpoint, in that order. */
  static void untilStopped(String name, AutoCloseable service, MetricsServer metrics) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        service.close();
      } catch (Exception e) {
        System.err.println(name + ": error while stopping: " + e);
      }
      metrics.close();
      stopped.countDown();
    }, name + "-shutdown"));
    stopped.await();
  }
}
