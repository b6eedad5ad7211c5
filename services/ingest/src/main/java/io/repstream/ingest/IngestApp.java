package io.repstream.ingest;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.repstream.common.http.RequestRateLimit;
import io.repstream.ingest.config.IngestConfig;
import io.repstream.ingest.http.IngestHttpApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A running ingest service with its roster file and HTTP API (which also serves the registry's Prometheus
 * metrics at {@code /metrics}).
 */
public final class IngestApp implements AutoCloseable {
  private final PrometheusMeterRegistry ownRegistry;
  private final IngestService service;
  private final RosterFileSync rosterSync;
  private final IngestHttpApi http;

  private IngestApp(PrometheusMeterRegistry ownRegistry, IngestService service, RosterFileSync rosterSync, IngestHttpApi http) {
    this.ownRegistry = ownRegistry;
    this.service = service;
    this.rosterSync = rosterSync;
    this.http = http;
  }

  /** Starts with a registry of its own, closed with the app. */
  public static IngestApp start(IngestConfig config) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    return start(config, registry, registry);
  }

  /** Starts with the caller's registry (e.g. the CLI's metrics server, with JVM metrics), left open on close. */
  public static IngestApp start(IngestConfig config, PrometheusMeterRegistry registry) {
    return start(config, registry, null);
  }

  private static IngestApp start(IngestConfig config, PrometheusMeterRegistry registry, PrometheusMeterRegistry owned) {
    IngestService service = IngestService.start(config, registry);
    RosterFileSync sync = null;
    try {
      sync = config.rosterFile() == null ? null : new RosterFileSync(service, config.rosterFile(), config.rosterPoll());
      RosterFileSync s = sync;
      IngestHttpApi http = new IngestHttpApi(service, registry, () -> s == null ? List.of() : s.errors(),
          config.httpBind(), config.httpPort(), new RequestRateLimit(config.httpRatePerSecond(), config.httpBurst()));
      return new IngestApp(owned, service, sync, http);
    } catch (IOException | RuntimeException e) {
      if (sync != null) {
        sync.close();
      }
      service.close();
      if (e instanceof IOException io) {
        throw new UncheckedIOException("cannot start the ingest HTTP API on " + config.httpBind() + ":" + config.httpPort() + ": " + io, io);
      }
      throw (RuntimeException) e;
    }
  }

  public IngestService service() {
    return service;
  }

  public int httpPort() {
    return http.port();
  }

  @Override
  public void close() {
    http.close();
    if (rosterSync != null) {
      rosterSync.close();
    }
    service.close();
    if (ownRegistry != null) {
      ownRegistry.close();
    }
  }
}
