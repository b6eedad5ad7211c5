package io.repstream.counter;

import io.repstream.common.metrics.MetricsServer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code repstream count}: runs a counter instance until the JVM is asked to stop. Start more instances with the
 * same application id to share the participants; each serves the statuses of all of them.
 */
public final class CountCommand {
  private static final long HEALTH_CHECK_SECONDS = 1;

  private CountCommand() {}

  /**
   * Blocks until SIGTERM or Ctrl-C; returns the process exit code (1 when Kafka Streams stopped on its own). Meters
   * go to {@code metrics}' registry, and its /health reports whether the streams are running.
   */
  public static int run(CounterConfig config, MetricsServer metrics) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    CounterService service = CounterService.start(config, metrics.registry());
    metrics.healthCheck("counter-streams", service::running);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      service.close();
      stopped.countDown();
    }, "counter-shutdown"));
    System.out.println("Counting. Participant statuses at http://" + config.httpHost() + ":" + service.queryPort()
        + "/classes/{classId}/participants. Stop with Ctrl-C.");
    while (!stopped.await(HEALTH_CHECK_SECONDS, TimeUnit.SECONDS)) {
      if (!service.running()) {
        System.err.println("The counter stopped: Kafka Streams is " + service.streams().state() + "; see the log above.");
        service.close();
        return 1;
      }
    }
    return 0;
  }
}
