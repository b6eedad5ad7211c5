package io.repstream.ingest;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.repstream.ingest.config.IngestConfig;
import io.repstream.ingest.http.IngestHttpApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** A running ingest service with its roster file, HTTP API and Prometheus registry. */
public final class IngestApp implements AutoCloseable {
  private final PrometheusMeterRegistry registry;
  private final IngestService service;
  private final RosterFileSync rosterSync;
  private final IngestHttpApi http;

  private IngestApp(PrometheusMeterRegistry registry, IngestService service, RosterFileSync rosterSync, IngestHttpApi http) {
    this.registry = registry;
    this.service = service;
    this.rosterSync = rosterSync;
    this.http = http;
  }

  public static IngestApp start(IngestConfig config) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    IngestService service = IngestService.start(config, registry);
    RosterFileSync sync = null;
    try {
      sync = config.rosterFile() == null ? null : new RosterFileSync(service, config.rosterFile(), config.rosterPoll());
      RosterFileSync s = sync;
      IngestHttpApi http = new IngestHttpApi(service, registry, () -> s == null ? List.of() : s.errors(),
          config.httpBind(), config.httpPort());
      return new IngestApp(registry, service, sync, http);
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
    registry.close();
  }
}
