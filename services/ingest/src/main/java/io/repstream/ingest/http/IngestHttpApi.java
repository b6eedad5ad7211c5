package io.repstream.ingest.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.repstream.common.http.RequestRateLimit;
import io.repstream.ingest.IngestService;
import io.repstream.ingest.roster.InvalidRosterException;
import io.repstream.ingest.roster.RosterEntry;
import io.repstream.ingest.stream.StreamStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest service's small HTTP API, on the JDK's own server:
 * <ul>
 *   <li>{@code GET /status}: every stream with its state, last error and counts; queue fill; roster file errors.</li>
 *   <li>{@code GET /streams/{id}}: one stream's status.</li>
 *   <li>{@code GET /roster}: the roster entries being ingested.</li>
 *   <li>{@code POST /roster} with a JSON roster entry: adds a stream (201, or 400/409 with the reason).</li>
 *   <li>{@code DELETE /roster/{id}}: removes a stream (204, or 404).</li>
 *   <li>{@code GET /metrics}: Prometheus metrics. {@code GET /health}: 200 while the service runs.</li>
 * </ul>
 */
public final class IngestHttpApi implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IngestHttpApi.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A roster entry is a few hundred bytes; anything this large is not one. */
  private static final int MAX_BODY_BYTES = 64 * 1024;
  private static final int HANDLER_THREADS = 2;
  private static final String JSON_TYPE = "application/json";

  private final HttpServer server;
  private final ExecutorService executor;
  private final IngestService service;
  private final Supplier<List<String>> rosterErrors;
  private final RequestRateLimit rateLimit;

  public IngestHttpApi(IngestService service, PrometheusMeterRegistry prometheus, Supplier<List<String>> rosterErrors,
      String bind, int port, RequestRateLimit rateLimit) throws IOException {
    this.service = service;
    this.rateLimit = rateLimit;
    this.rosterErrors = rosterErrors;
    this.server = HttpServer.create(new InetSocketAddress(bind, port), 0);
    this.executor = Executors.newFixedThreadPool(HANDLER_THREADS, r -> {
      Thread t = new Thread(r, "ingest-http");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/status", ex -> handle(ex, () -> get(ex, this::statusBody)));
    server.createContext("/streams/", ex -> handle(ex, () -> streamStatus(ex)));
    server.createContext("/roster", ex -> handle(ex, () -> roster(ex)));
    server.createContext("/health", ex -> handle(ex, () -> send(ex, 200, "text/plain", "ok\n")));
    server.createContext("/metrics", ex -> handle(ex, () -> send(ex, 200, "text/plain; version=0.0.4; charset=utf-8",
        prometheus == null ? "" : prometheus.scrape())));
    server.start();
    LOG.info("Ingest HTTP API on {}:{}", bind, port());
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private interface Handler {
    void run() throws IOException;
  }

  private void handle(HttpExchange ex, Handler h) throws IOException {
    try (ex) {
      long waitSeconds = rateLimit.acquire(ex.getRemoteAddress().getAddress().getHostAddress());
      if (waitSeconds > 0) {
        ex.getResponseHeaders().set("Retry-After", Long.toString(waitSeconds));
        error(ex, 429, "too many requests from this address; retry after " + waitSeconds + " s");
        return;
      }
      try {
        h.run();
      } catch (InvalidRosterException e) {
        error(ex, 400, e.getMessage());
      } catch (IngestService.StreamExistsException e) {
        error(ex, 409, e.getMessage());
      } catch (RuntimeException e) {
        LOG.error("HTTP {} {} failed", ex.getRequestMethod(), ex.getRequestURI(), e);
        error(ex, 500, e.toString());
      }
    }
  }

  private void get(HttpExchange ex, Supplier<Object> body) throws IOException {
    if (!ex.getRequestMethod().equals("GET")) {
      error(ex, 405, "only GET is allowed on " + ex.getRequestURI().getPath());
      return;
    }
    json(ex, 200, body.get());
  }

  private Object statusBody() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("streams", service.status());
    m.put("queue", Map.of("size", service.queued(), "capacity", service.queueCapacity()));
    m.put("rosterErrors", rosterErrors.get());
    return m;
  }

  private void streamStatus(HttpExchange ex) throws IOException {
    String id = lastSegment(ex, "/streams/");
    StreamStatus s = service.status(id).orElse(null);
    if (s == null) {
      error(ex, 404, "no stream " + id);
    } else {
      get(ex, () -> s);
    }
  }

  private void roster(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    switch (ex.getRequestMethod()) {
      case "GET" -> json(ex, 200, Map.of("streams", List.copyOf(service.roster().values())));
      case "POST" -> {
        RosterEntry entry;
        try (InputStream in = ex.getRequestBody()) {
          byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
          if (body.length > MAX_BODY_BYTES) {
            error(ex, 413, "a roster entry is at most " + MAX_BODY_BYTES + " bytes");
            return;
          }
          entry = JSON.readValue(body, RosterEntry.class);
        } catch (JsonProcessingException e) {
          error(ex, 400, "body is not a roster entry: " + e.getOriginalMessage());
          return;
        }
        json(ex, 201, service.add(entry));
      }
      case "DELETE" -> {
        String id = lastSegment(ex, "/roster/");
        if (id.isEmpty() || path.equals("/roster")) {
          error(ex, 400, "DELETE needs a stream id: /roster/{streamId}");
        } else if (service.remove(id)) {
          send(ex, 204, "text/plain", "");
        } else {
          error(ex, 404, "no stream " + id);
        }
      }
      default -> error(ex, 405, "allowed on /roster: GET, POST, DELETE /roster/{streamId}");
    }
  }

  private static String lastSegment(HttpExchange ex, String prefix) {
    String path = ex.getRequestURI().getRawPath();
    String raw = path.startsWith(prefix) ? path.substring(prefix.length()) : "";
    return URLDecoder.decode(raw, StandardCharsets.UTF_8);
  }

  private static void error(HttpExchange ex, int status, String message) throws IOException {
    json(ex, status, Map.of("error", message));
  }

  private static void json(HttpExchange ex, int status, Object body) throws IOException {
    send(ex, status, JSON_TYPE, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(body) + "\n");
  }

  private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    if (status == 204) {
      ex.sendResponseHeaders(status, -1);
      return;
    }
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
