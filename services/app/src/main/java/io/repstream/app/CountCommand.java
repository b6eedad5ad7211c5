package io.repstream.app;

import io.repstream.common.metrics.MetricsServer;
import io.repstream.counter.CounterConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Runs a counter instance: predictions in, rep events and participant statuses out. */
@Command(name = "count", mixinStandardHelpOptions = true,
    description = {"Runs the counting topology (Kafka Streams, exactly-once): orders and smooths predictions per",
        "participant, counts reps, publishes rep events and statuses, and answers status queries over HTTP.",
        "More instances with the same counter.application.id share the participants."})
final class CountCommand implements Callable<Integer> {
  @Mixin ConfigOption config;

  @Override
  public Integer call() throws Exception {
    CounterConfig c = CounterConfig.from(config.load(CounterConfig.DEFAULTS));
    MetricsServer metrics = MetricsServer.start("0.0.0.0", c.metricsPort(), "counter");
    return io.repstream.counter.CountCommand.run(c, metrics);
  }
}
