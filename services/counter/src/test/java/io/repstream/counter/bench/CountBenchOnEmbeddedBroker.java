package io.repstream.counter.bench;

import io.repstream.broker.EmbeddedKafkaBroker;
import io.repstream.counter.CounterConfig;
import java.time.Duration;
import java.util.Map;

/**
 * Runs {@link CountBench} against a fresh embedded broker from the test classpath, until {@code repstream bench
 * count} exists. Arguments: participants, backlog seconds per participant, live seconds.
 */
public final class CountBenchOnEmbeddedBroker {
  private CountBenchOnEmbeddedBroker() {}

  public static void main(String[] args) throws Exception {
    CountBench.Options d = CountBench.Options.defaults();
    CountBench.Options options = new CountBench.Options(
        args.length > 0 ? Integer.parseInt(args[0]) : d.participants(),
        args.length > 1 ? Duration.ofSeconds(Long.parseLong(args[1])) : d.backlogPerParticipant(),
        args.length > 2 ? Duration.ofSeconds(Long.parseLong(args[2])) : d.live());
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startDefault()) {
      CounterConfig config = CounterConfig.withOverrides(Map.of("kafka.bootstrap.servers", broker.bootstrapServers()));
      CountBench.run(config, options, System.out);
    }
  }
}
