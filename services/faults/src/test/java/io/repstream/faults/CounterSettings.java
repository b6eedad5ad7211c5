package io.repstream.faults;

import io.repstream.counter.CounterConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Counter settings for one fault test: its own topic prefix, state directory and fast failure detection. */
final class CounterSettings {
  private CounterSettings() {}

  static String uniquePrefix() {
    return "fault-" + UUID.randomUUID().toString().substring(0, 8) + ".";
  }

  static Map<String, String> of(String bootstrapServers, String prefix, Path stateDir) {
    Map<String, String> o = new HashMap<>();
    o.put("kafka.bootstrap.servers", bootstrapServers);
    o.put("topics.prefix", prefix);
    o.put("topics.partitions", "2");
    o.put("counter.application.id", prefix + "counter");
    o.put("counter.state.dir", stateDir.toString());
    o.put("counter.http.port", "0");
    // A member that vanishes must be noticed within seconds, not the default 45.
    o.put("kafka.session.timeout.ms", "6000");
    o.put("kafka.heartbeat.interval.ms", "1000");
    return o;
  }

  static CounterConfig config(String bootstrapServers, String prefix, Path stateDir) {
    return CounterConfig.withOverrides(of(bootstrapServers, prefix, stateDir));
  }
}
