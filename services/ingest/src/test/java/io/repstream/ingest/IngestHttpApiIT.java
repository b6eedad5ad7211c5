package io.repstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.repstream.broker.EmbeddedKafkaBroker;
import io.repstream.common.kafka.Topic;
import io.repstream.ingest.config.IngestConfig;
import io.repstream.ingest.roster.RosterEntry;
import io.repstream.ingest.roster.RosterFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Adding and removing streams while running, over the HTTP API and through the roster file. */
class IngestHttpApiIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static EmbeddedKafkaBroker broker;
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path dir;

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedKafkaBroker.startDefault();
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  private IngestConfig config(String prefix, Map<String, String> extra) {
    Map<String, String> s = new java.util.HashMap<>(Map.of("kafka.bootstrap.servers", broker.bootstrapServers(),
        "topics.prefix", prefix, "topics.partitions", "2", "ingest.http.port", "0", "ingest.http.bind", "127.0.0.1",
        "ingest.read.timeout", "1s", "ingest.open.timeout", "1s",
        // These tests poll the API faster than an operator would.
        "ingest.http.rate", "1000", "ingest.http.burst", "1000"));
    s.putAll(extra);
    return IngestConfig.withOverrides(s);
  }

  private HttpResponse<String> send(IngestApp app, String method, String path, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + path));
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void streamsAreAddedInspectedAndRemovedOverHttp() throws Exception {
    try (IngestApp app = IngestApp.start(config("api.", Map.of()))) {
      HttpResponse<String> refused = send(app, "POST", "/roster",
          "{\"streamId\":\"cam-1\",\"classId\":\"yoga\",\"url\":\"file:///etc/hostname\",\"participantId\":\"alice\"}");
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(refused.body()).get("error").asText()).contains("stream cam-1").contains("file input is off");

      HttpResponse<String> garbled = send(app, "POST", "/roster", "{\"streamId\":\"cam-1\",\"colour\":\"red\"}");
      assertThat(garbled.statusCode()).isEqualTo(400);
      assertThat(garbled.body()).contains("body is not a roster entry").contains("colour");

      int port = FfmpegProcess.freeUdpPort();
      String entry = "{\"streamId\":\"cam-1\",\"classId\":\"yoga\",\"url\":\"udp://127.0.0.1:" + port + "\",\"participantId\":\"alice\"}";
      HttpResponse<String> added = send(app, "POST", "/roster", entry);
      assertThat(added.statusCode()).isEqualTo(201);
      assertThat(JSON.readTree(added.body()).get("participants").get(0).asText()).isEqualTo("alice");
      assertThat(send(app, "POST", "/roster", entry).statusCode()).isEqualTo(409);

      JsonNode status = JSON.readTree(send(app, "GET", "/status", null).body());
      assertThat(status.get("streams")).hasSize(1);
      assertThat(status.get("streams").get(0).get("streamId").asText()).isEqualTo("cam-1");
      assertThat(status.get("streams").get(0).get("state").asText()).isIn("CONNECTING", "RECONNECTING");
      assertThat(status.get("queue").get("capacity").asInt()).isEqualTo(512);
      assertThat(JSON.readTree(send(app, "GET", "/roster", null).body()).get("streams").get(0).get("url").asText())
          .isEqualTo("udp://127.0.0.1:" + port);

      String metrics = send(app, "GET", "/metrics", null).body();
      assertThat(metrics).contains("ingest_frames_decoded_total{class=\"yoga\",stream=\"cam-1\"}")
          .contains("ingest_frames_dropped_total{class=\"yoga\",participant=\"alice\",reason=\"backpressure\",stream=\"cam-1\"}")
          .contains("ingest_reconnects_total");

      assertThat(send(app, "DELETE", "/roster/cam-1", null).statusCode()).isEqualTo(204);
      assertThat(send(app, "DELETE", "/roster/cam-1", null).statusCode()).isEqualTo(404);
      assertThat(send(app, "GET", "/streams/cam-1", null).statusCode()).isEqualTo(404);
      assertThat(JSON.readTree(send(app, "GET", "/status", null).body()).get("streams")).isEmpty();
      assertThat(send(app, "GET", "/metrics", null).body()).doesNotContain("stream=\"cam-1\"");
    }
  }

  @Test
  void theRosterFileIsFollowedWhileRunningAndBadEntriesAreReported() throws Exception {
    Path roster = dir.resolve("roster.json");
    String clip = Clips.clip(Clips.SHORT_29FPS).toString();
    RosterEntry good = new RosterEntry("file-cam", "hiit", clip, "bob", null, null, null, "fast", null);
    RosterEntry bad = new RosterEntry("ftp-cam", "hiit", "ftp://files.example/x.mp4", "carol", null, null, null, null, null);
    RosterFile.write(roster, List.of(good, bad));
    IngestConfig config = config("file.", Map.of("ingest.file.enabled", "true", "ingest.roster.file", roster.toString(),
        "ingest.roster.poll", "100ms"));
    try (IngestApp app = IngestApp.start(config);
        FrameReader reader = new FrameReader(config.kafka(), config.topics().name(Topic.FRAMES))) {
      JsonNode status = JSON.readTree(send(app, "GET", "/status", null).body());
      assertThat(status.get("streams")).hasSize(1);
      assertThat(status.get("rosterErrors").get(0).asText()).contains("stream ftp-cam").contains("scheme ftp, which is not allowed");
      assertThat(reader.readUntil(m -> m.getOrDefault("bob", List.of()).size() >= 43, Duration.ofSeconds(30)).get("bob"))
          .hasSizeBetween(43, 44);

      // A file that stops parsing (an unknown field) changes nothing: the last good roster keeps running.
      String text = java.nio.file.Files.readString(roster);
      assertThat(text).contains("\"streamId\" : \"file-cam\"");
      java.nio.file.Files.writeString(roster, text.replace("\"streamId\" : \"file-cam\"", "\"streamId\" : \"file-cam\", \"colour\" : \"red\""));
      JsonNode broken = awaitStatus(app, s -> s.get("rosterErrors").toString().contains("colour"));
      assertThat(broken.get("rosterErrors").get(0).asText()).contains("roster file").contains("\"colour\"");
      assertThat(broken.get("streams")).hasSize(1);
      assertThat(app.service().roster()).containsOnlyKeys("file-cam");

      RosterFile.write(roster, List.of());
      assertThat(awaitStatus(app, s -> s.get("streams").isEmpty()).get("streams")).isEmpty();
      assertThat(app.service().roster()).isEmpty();

      RosterEntry again = new RosterEntry("file-cam-2", "hiit", clip, "bob", null, null, null, "fast", null);
      RosterFile.write(roster, List.of(again));
      JsonNode back = awaitStatus(app, s -> s.get("streams").size() == 1);
      assertThat(back.get("streams").get(0).get("streamId").asText()).isEqualTo("file-cam-2");
      assertThat(back.get("rosterErrors")).isEmpty();
    }
  }

  @Test
  void abusiveRequestsAreRefusedWithTheReasonAndTheServiceKeepsIngesting() throws Exception {
    String clip = Clips.clip(Clips.SHORT_29FPS).toString();
    IngestConfig config = config("abuse.", Map.of("ingest.file.enabled", "true"));
    try (IngestApp app = IngestApp.start(config);
        FrameReader reader = new FrameReader(config.kafka(), config.topics().name(Topic.FRAMES))) {
      String good = "{\"streamId\":\"file-cam\",\"classId\":\"hiit\",\"url\":\"" + clip
          + "\",\"participantId\":\"bob\",\"pacing\":\"fast\"}";
      assertThat(send(app, "POST", "/roster", good).statusCode()).isEqualTo(201);

      // Server-side request forgery: the API must not make ingest fetch from the machine or its network.
      for (String url : List.of("http://127.0.0.1:" + app.httpPort() + "/roster", "http://169.254.169.254/latest/meta-data/",
          "rtsp://10.0.0.7/live", "http://localhost:22/")) {
        HttpResponse<String> r = send(app, "POST", "/roster",
            "{\"streamId\":\"ssrf\",\"classId\":\"hiit\",\"url\":\"" + url + "\",\"participantId\":\"eve\"}");
        assertThat(r.statusCode()).as(url).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).get("error").asText()).contains("stream ssrf: stream url '" + url + "'")
            .contains("ingest.url.allow-private-addresses=true");
      }
      assertThat(send(app, "POST", "/roster", "{\"streamId\":\"dup\",\"classId\":\"hiit\",\"url\":\"udp://@:1\","
          + "\"participantId\":\"bob\"}").body()).contains("participant bob is already shown by stream file-cam");
      assertThat(send(app, "POST", "/roster", "x".repeat(70_000)).statusCode()).isEqualTo(413);

      // Random bytes as a body: always a 4xx with a reason, never a 500 or a dead handler.
      java.util.Random random = new java.util.Random(13);
      for (int i = 0; i < 200; i++) {
        byte[] junk = new byte[random.nextInt(300)];
        random.nextBytes(junk);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + "/roster"))
            .POST(HttpRequest.BodyPublishers.ofByteArray(junk)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("junk body %d", i).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).get("error").asText()).isNotBlank();
      }

      assertThat(reader.readUntil(m -> m.getOrDefault("bob", List.of()).size() >= 43, Duration.ofSeconds(30)).get("bob"))
          .hasSizeBetween(43, 44);
      assertThat(app.service().roster().keySet()).containsExactly("file-cam");
    }
  }

  @Test
  void aClientOverTheRateLimitIsToldWhenToComeBack() throws Exception {
    try (IngestApp app = IngestApp.start(config("rate.", Map.of("ingest.http.rate", "0.5", "ingest.http.burst", "3")))) {
      for (int i = 0; i < 3; i++) {
        assertThat(send(app, "GET", "/status", null).statusCode()).isEqualTo(200);
      }
      HttpResponse<String> limited = send(app, "POST", "/roster", "{}");
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.headers().firstValue("Retry-After")).hasValue("2");
      assertThat(JSON.readTree(limited.body()).get("error").asText()).contains("too many requests").contains("retry after 2 s");
      assertThat(app.service().roster()).isEmpty();
      Thread.sleep(2000);
      assertThat(send(app, "GET", "/health", null).statusCode()).isEqualTo(200);
    }
  }

  private JsonNode awaitStatus(IngestApp app, Predicate<JsonNode> done) throws Exception {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    JsonNode s = JSON.readTree(send(app, "GET", "/status", null).body());
    while (!done.test(s) && System.nanoTime() < end) {
      Thread.sleep(100);
      s = JSON.readTree(send(app, "GET", "/status", null).body());
    }
    return s;
  }
}
