package io.repstream.counter.query;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.repstream.counter.topology.RepCountingTopology;
import io.repstream.schemas.ParticipantStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the current status of every participant of a class over HTTP, as a JSON array, from whichever counter
 * instances own them (the interactive-queries pattern: each instance answers from its local store and asks its
 * peers, found through Streams metadata, for theirs).
 *
 * <ul>
 *   <li>{@code GET /classes/{classId}/participants}: all instances.
 *   <li>{@code GET /local/classes/{classId}/participants}: this instance's store only (what peers call).
 * </ul>
 */
public final class StatusQueryServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StatusQueryServer.class);
  private static final String CLASSES = "/classes/";
  private static final String LOCAL = "/local";
  private static final String PARTICIPANTS = "/participants";
  private static final Duration PEER_TIMEOUT = Duration.ofSeconds(5);
  private static final int HTTP_OK = 200;
  private static final int HTTP_NOT_FOUND = 404;
  private static final int HTTP_NOT_ALLOWED = 405;
  private static final int HTTP_UNAVAILABLE = 503;
  private static final int HTTP_BAD_GATEWAY = 502;

  private final HttpServer server;
  private final HttpClient peers = HttpClient.newBuilder().connectTimeout(PEER_TIMEOUT).build();
  private final String host;
  private volatile KafkaStreams streams;

  private StatusQueryServer(HttpServer server, String host) {
    this.server = server;
    this.host = host;
  }

  /** Opens the port now (port 0 picks one), so Streams can be told this instance's address before it starts. */
  public static StatusQueryServer open(String host, int port) {
    HttpServer http;
    try {
      http = HttpServer.create(new InetSocketAddress(host, port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the status query port " + host + ":" + port + ": " + e.getMessage(), e);
    }
    StatusQueryServer s = new StatusQueryServer(http, host);
    http.createContext("/", s::handle);
    http.setExecutor(Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "counter-status-http");
      t.setDaemon(true);
      return t;
    }));
    return s;
  }

  /** Starts answering from {@code streams}' stores. */
  public void serve(KafkaStreams streams) {
    this.streams = streams;
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private HostInfo self() {
    return new HostInfo(host, port());
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      if (!"GET".equals(ex.getRequestMethod())) {
        send(ex, HTTP_NOT_ALLOWED, "{\"error\":\"only GET is served\"}");
        return;
      }
      String path = ex.getRequestURI().getRawPath();
      boolean local = path.startsWith(LOCAL + CLASSES);
      String rest = local ? path.substring(LOCAL.length()) : path;
      if (!rest.startsWith(CLASSES) || !rest.endsWith(PARTICIPANTS) || rest.length() <= CLASSES.length() + PARTICIPANTS.length()) {
        send(ex, HTTP_NOT_FOUND, "{\"error\":\"use GET /classes/{classId}/participants\"}");
        return;
      }
      String classId = URLDecoder.decode(rest.substring(CLASSES.length(), rest.length() - PARTICIPANTS.length()),
          StandardCharsets.UTF_8);
      try {
        List<String> items = new ArrayList<>(localStatuses(classId));
        if (!local) {
          items.addAll(peerStatuses(classId));
        }
        send(ex, HTTP_OK, "[" + String.join(",", items) + "]");
      } catch (InvalidStateStoreException e) {
        send(ex, HTTP_UNAVAILABLE, "{\"error\":\"statuses are being restored or moved between instances; retry shortly\"}");
      } catch (PeerUnavailableException e) {
        send(ex, HTTP_BAD_GATEWAY, "{\"error\":\"" + e.getMessage().replace("\"", "'") + "\"}");
      }
    }
  }

  private List<String> localStatuses(String classId) {
    KafkaStreams s = streams;
    if (s == null) {
      throw new InvalidStateStoreException("not started");
    }
    ReadOnlyKeyValueStore<String, ParticipantStatus> store = s.store(
        StoreQueryParameters.fromNameAndType(RepCountingTopology.STATUS_STORE, QueryableStoreTypes.keyValueStore()));
    List<String> out = new ArrayList<>();
    try (KeyValueIterator<String, ParticipantStatus> it = store.all()) {
      while (it.hasNext()) {
        ParticipantStatus status = it.next().value;
        if (status != null && classId.equals(status.getClassId())) {
          // Avro renders a record as JSON: enums and timestamps as strings, maps as objects.
          out.add(status.toString());
        }
      }
    }
    return out;
  }

  private List<String> peerStatuses(String classId) {
    List<String> out = new ArrayList<>();
    for (StreamsMetadata m : streams.streamsMetadataForStore(RepCountingTopology.STATUS_STORE)) {
      if (m.hostInfo().equals(self())) {
        continue;
      }
      URI uri = URI.create("http://" + m.hostInfo().host() + ":" + m.hostInfo().port() + LOCAL + CLASSES
          + URLEncoder.encode(classId, StandardCharsets.UTF_8).replace("+", "%20") + PARTICIPANTS);
      try {
        HttpResponse<String> r = peers.send(HttpRequest.newBuilder(uri).timeout(PEER_TIMEOUT).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != HTTP_OK) {
          throw new PeerUnavailableException("counter instance " + m.hostInfo() + " answered " + r.statusCode());
        }
        String body = r.body().trim();
        String inner = body.substring(1, body.length() - 1).trim();
        if (!inner.isEmpty()) {
          out.add(inner);
        }
      } catch (IOException e) {
        throw new PeerUnavailableException("counter instance " + m.hostInfo() + " unreachable: " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PeerUnavailableException("interrupted while asking " + m.hostInfo());
      }
    }
    return out;
  }

  private static void send(HttpExchange ex, int code, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    ex.sendResponseHeaders(code, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    LOG.debug("Status query server on port {} stopped", port());
  }

  /** A peer instance that owns some of the class could not be asked; a partial answer would mislead the trainer. */
  private static final class PeerUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PeerUnavailableException(String message) {
      super(message);
    }
  }
}
