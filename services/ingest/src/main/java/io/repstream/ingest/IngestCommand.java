package io.repstream.ingest;

import io.repstream.common.config.KafkaSettings;
import io.repstream.common.config.Settings;
import io.repstream.ingest.config.IngestConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code repstream ingest}: runs the ingest service until stopped. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = {"Decodes the class roster's video streams, samples frames and publishes them to Kafka.",
        "Streams come from a roster file and/or the HTTP API (POST /roster); status at GET /status, "
            + "Prometheus metrics at GET /metrics. Settings: see ingest-defaults.properties; "
            + "each can be set as environment variable REPSTREAM_<KEY>."})
public final class IngestCommand implements Callable<Integer> {
  @Option(names = "--config", description = "Properties file overriding the built-in defaults.")
  Path config;

  @Option(names = "--roster", description = "JSON roster file, re-read when it changes (ingest.roster.file).")
  Path roster;

  @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (kafka.bootstrap.servers).")
  String bootstrapServers;

  @Option(names = "--http-port", description = "Port of the HTTP API (ingest.http.port; 0 picks a free one).")
  Integer httpPort;

  @Option(names = "--allow-files", description = "Accept local files as streams (ingest.file.enabled=true).")
  boolean allowFiles;

  @Option(names = "--fast", description = "Decode files as fast as possible instead of at real time (ingest.file.pacing=fast).")
  boolean fast;

  @Override
  public Integer call() throws Exception {
    Settings s = Settings.load(IngestConfig.DEFAULTS_RESOURCE, config, System.getenv());
    if (roster != null) {
      s = s.with("ingest.roster.file", roster.toString());
    }
    if (bootstrapServers != null) {
      s = s.with(KafkaSettings.BOOTSTRAP_SERVERS, bootstrapServers);
    }
    if (httpPort != null) {
      s = s.with("ingest.http.port", httpPort.toString());
    }
    if (allowFiles) {
      s = s.with("ingest.file.enabled", "true");
    }
    if (fast) {
      s = s.with("ingest.file.pacing", "fast");
    }
    IngestApp app = IngestApp.start(IngestConfig.from(s));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      app.close();
      stopped.countDown();
    }, "ingest-shutdown"));
    System.out.println("Ingest running; HTTP API on port " + app.httpPort() + ". Stop with Ctrl-C.");
    stopped.await();
    return 0;
  }
}
