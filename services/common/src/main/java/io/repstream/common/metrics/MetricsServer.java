package io.repstream.common.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * Each service's operations port: {@code GET /metrics} in Prometheus text format and {@code GET /health}
 * (200 when every registered check passes, 503 otherwise, with each check's state as JSON), for scrapers
 * and for Kubernetes liveness and readiness probes. The port opens before the service has started; until the
 * service registers its first check, /health answers 503 STARTING, so a readiness probe does not pass early.
 */
public final class MetricsServer implements AutoCloseable {
  private static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  private static final int HTTP_OK = 200;
  private static final int HTTP_UNAVAILABLE = 503;
  private static final int HTTP_NOT_ALLOWED = 405;

  private final PrometheusMeterRegistry registry;
  private final Map<String, BooleanSupplier> checks = new ConcurrentHashMap<>();
  private final HttpServer server;

  private MetricsServer(PrometheusMeterRegistry registry, HttpServer server) {
    this.registry = registry;
    this.server = server;
  }

  /** A registry with JVM metrics bound, served on {@code host:port} (port 0 picks a free one). */
  public static MetricsServer start(String host, int port, String service) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags("service", service);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    HttpServer http;
    try {
      http = HttpServer.create(new InetSocketAddress(host, port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the metrics port " + host + ":" + port + ": " + e.getMessage(), e);
    }
    MetricsServer s = new MetricsServer(registry, http);
    http.createContext("/metrics", s::metrics);
    http.createContext("/health", s::health);
    http.setExecutor(Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, service + "-metrics-http");
      t.setDaemon(true);
      return t;
    }));
    http.start();
    return s;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** A named check that /health reports; the service is healthy when all return true. */
  public void healthCheck(String name, BooleanSupplier up) {
    checks.put(name, up);
  }

  private void metrics(HttpExchange ex) throws IOException {
    if (!ex.getRequestMethod().equals("GET")) {
      send(ex, HTTP_NOT_ALLOWED, "text/plain", "GET only\n");
      return;
    }
    send(ex, HTTP_OK, PROMETHEUS_CONTENT_TYPE, registry.scrape());
  }

  private void health(HttpExchange ex) throws IOException {
    Map<String, Boolean> states = new TreeMap<>();
    checks.forEach((name, check) -> {
      boolean up;
      try {
        up = check.getAsBoolean();
      } catch (RuntimeException e) {
        up = false;
      }
      states.put(name, up);
    });
    boolean starting = states.isEmpty();
    boolean allUp = !starting && !states.containsValue(false);
    String status = starting ? "STARTING" : allUp ? "UP" : "DOWN";
    StringBuilder json = new StringBuilder("{\"status\":\"").append(status).append("\",\"checks\":{");
    String sep = "";
    for (Map.Entry<String, Boolean> e : states.entrySet()) {
      json.append(sep).append('"').append(e.getKey().replace("\"", "'")).append("\":\"")
          .append(e.getValue() ? "UP" : "DOWN").append('"');
      sep = ",";
    }
    json.append("}}\n");
    send(ex, allUp ? HTTP_OK : HTTP_UNAVAILABLE, "application/json", json.toString());
  }

  private static void send(HttpExchange ex, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    registry.close();
  }
}
