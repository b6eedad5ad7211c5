package io.repstream.counter;

import io.repstream.common.metrics.MetricsServer;
import java.util.HashMap;
import java.util.Map;

/** A counter in a JVM of its own, so a test can kill it outright. Arguments: {@code key=value} settings. */
public final class CounterProcessMain {
  private CounterProcessMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> settings = new HashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      settings.put(a.substring(0, eq), a.substring(eq + 1));
    }
    try (MetricsServer metrics = MetricsServer.start("localhost", 0, "counter")) {
      System.exit(CountCommand.run(CounterConfig.withOverrides(settings), metrics));
    }
  }
}
