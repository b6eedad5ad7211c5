package io.repstream.app;

import io.repstream.common.metrics.MetricsServer;
import io.repstream.dashboard.DashboardConfig;
import io.repstream.dashboard.DashboardServer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Serves the trainers' live class pages and the JSON API until stopped. */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
    description = {"Serves the trainers' live class pages and the JSON API from the count topics.",
        "Each class needs a token: dashboard.tokens=classId=token,... (REPSTREAM_DASHBOARD_TOKENS)."})
final class DashboardCommand implements Callable<Integer> {
  @Mixin ConfigOption config;

  @Override
  public Integer call() throws Exception {
    DashboardConfig c = DashboardConfig.from(config.load(DashboardConfig.DEFAULTS));
    ServiceRun.ensureTopics(c.kafka(), c.topics());
    MetricsServer metrics = MetricsServer.start(c.httpHost(), c.metricsPort(), "dashboard");
    DashboardServer server = new DashboardServer(c, metrics.registry()).start();
    metrics.healthCheck("count-feed", server::alive);
    metrics.healthCheck("count-history-read", server::ready);
    System.out.println("Dashboard at http://localhost:" + server.port() + "/classes/<class>?token=<token>"
        + " (metrics on port " + metrics.port() + ")");
    ServiceRun.untilStopped("dashboard", server, metrics);
    return 0;
  }
}
