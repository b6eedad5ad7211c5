package io.repstream.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.repstream.broker.EmbeddedKafkaBroker;
import io.repstream.common.config.KafkaSettings;
import io.repstream.common.config.Settings;
import io.repstream.common.kafka.AvroSerde;
import io.repstream.common.kafka.Topic;
import io.repstream.common.kafka.TopicCreator;
import io.repstream.schemas.ParticipantState;
import io.repstream.schemas.ParticipantStatus;
import io.repstream.schemas.Phase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's JSON API as an outsider meets it, without a browser: every class route refuses a missing
 * or unknown token (401) and another class's token (403), the refusals and their log lines name no student,
 * malformed requests get a 400 with the reason, and one address asking too fast gets 429 with Retry-After.
 */
class DashboardAccessIT {
  private static final String TOKEN_A = "token-of-yoga-a-0123456789";
  private static final String TOKEN_B = "token-of-spin-b-0123456789";
  /** Student ids unusual enough that finding one in a body or log line can only be a leak. */
  private static final List<String> STUDENTS_A = List.of("zelda-quokka", "yusuf-marmot");

  private static EmbeddedKafkaBroker broker;
  private static DashboardServer dashboard;
  private static DashboardServer limited;
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();

  @BeforeAll
  static void start() throws Exception {
    broker = EmbeddedKafkaBroker.startDefault();
    // These tests send a few hundred requests from one address within a fraction of a second on a fast machine, more
    // than the default burst; the rate limit itself is tested on the server called limited.
    DashboardConfig config = config(Map.of("dashboard.api.burst", "10000"));
    try (Admin admin = Admin.create(config.kafka().clientProperties())) {
      TopicCreator.ensure(admin, config.topics());
    }
    Properties p = KafkaSettings.bootstrap(broker.bootstrapServers()).clientProperties();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
      for (String who : STUDENTS_A) {
        ParticipantStatus s = ParticipantStatus.newBuilder().setClassId("yoga-a").setParticipantId(who)
            .setState(ParticipantState.ACTIVE).setExercise("squat").setPhase(Phase.TOP).setSetNumber(1).setRepsInSet(2)
            .setRepsByExercise(Map.of("squat", 2)).setRepsPerMinute(12f).setLastRepMillis(2000L)
            .setLastEventTime(Instant.now()).setUpdateTime(Instant.now()).build();
        producer.send(new ProducerRecord<>(config.topics().name(Topic.PARTICIPANT_STATUS), who,
            AvroSerde.participantStatus().serialize("", s)));
      }
    }
    LOGS.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(LOGS);
    dashboard = new DashboardServer(config, new SimpleMeterRegistry()).start();
    limited = new DashboardServer(config(Map.of("dashboard.api.rate", "0.5", "dashboard.api.burst", "4")), new SimpleMeterRegistry())
        .start();
    long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!get(dashboard, "/api/classes/yoga-a/participants", TOKEN_A).body().contains(STUDENTS_A.get(1))) {
      assertThat(System.nanoTime()).as("students reach the dashboard").isLessThan(end);
      Thread.sleep(100);
    }
  }

  private static DashboardConfig config(Map<String, String> extra) {
    Map<String, String> s = new HashMap<>(Map.of(
        "kafka.bootstrap.servers", broker.bootstrapServers(),
        "dashboard.http.host", "127.0.0.1",
        "dashboard.http.port", "0",
        "dashboard.tokens", "yoga-a=" + TOKEN_A + ",spin-b=" + TOKEN_B));
    s.putAll(extra);
    return DashboardConfig.from(Settings.of(s));
  }

  @AfterAll
  static void stop() {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(LOGS);
    for (AutoCloseable c : new AutoCloseable[] {limited, dashboard, broker}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // closing the rest matters more
      }
    }
  }

  private static HttpResponse<String> get(DashboardServer server, String path, String token) throws Exception {
    return send(server, "GET", path, token);
  }

  private static HttpResponse<String> send(DashboardServer server, String method, String path, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void everyClassRouteRefusesMissingUnknownAndOtherClassTokensWithoutNamingStudents() throws Exception {
    String student = STUDENTS_A.get(0);
    List<String[]> routes = List.of(
        new String[] {"GET", "/api/classes/yoga-a/participants"},
        new String[] {"GET", "/api/classes/yoga-a/participants/" + student},
        new String[] {"GET", "/api/classes/yoga-a/participants/" + student + "/rep-events"},
        new String[] {"GET", "/api/classes/yoga-a/participants/" + student + "/thumbnail.jpg"},
        new String[] {"POST", "/api/classes/yoga-a/sets"},
        new String[] {"POST", "/api/classes/yoga-a/reset"});
    int logLinesBefore = LOGS.list.size();
    for (String[] route : routes) {
      String what = route[0] + " " + route[1];
      HttpResponse<String> none = send(dashboard, route[0], route[1], null);
      HttpResponse<String> unknown = send(dashboard, route[0], route[1], "a-token-nobody-was-given-000");
      HttpResponse<String> other = send(dashboard, route[0], route[1], TOKEN_B);
      assertThat(none.statusCode()).as(what).isEqualTo(401);
      assertThat(unknown.statusCode()).as(what).isEqualTo(401);
      assertThat(other.statusCode()).as(what).isEqualTo(403);
      for (HttpResponse<String> r : List.of(none, unknown, other)) {
        STUDENTS_A.forEach(s -> assertThat(r.body()).as(what).doesNotContain(s));
      }
    }
    assertThat(get(dashboard, "/api/classes", null).statusCode()).isEqualTo(401);
    assertThat(get(dashboard, "/api/classes", TOKEN_B).body()).contains("spin-b").doesNotContain("yoga-a");
    // Not found says so without echoing what was asked for.
    HttpResponse<String> missing = get(dashboard, "/api/classes/yoga-a/participants/someone-not-here", TOKEN_A);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).doesNotContain("someone-not-here");
    for (ILoggingEvent e : LOGS.list.subList(logLinesBefore, LOGS.list.size())) {
      STUDENTS_A.forEach(s -> assertThat(e.getFormattedMessage()).doesNotContain(s));
    }
    // The owner still sees their students.
    assertThat(get(dashboard, "/api/classes/yoga-a/participants", TOKEN_A).body()).contains(STUDENTS_A);
  }

  @Test
  void malformedQueriesAndRandomPathsGetAReasonNeverAServerError() throws Exception {
    HttpResponse<String> badLimit = get(dashboard, "/api/classes/yoga-a/participants/zelda-quokka/rep-events?limit=-3", TOKEN_A);
    assertThat(badLimit.statusCode()).isEqualTo(400);
    assertThat(badLimit.body()).contains("limit must be 1 to");
    assertThat(get(dashboard, "/api/classes/yoga-a/participants/zelda-quokka/rep-events?from=many", TOKEN_A).statusCode()).isEqualTo(400);
    Random random = new Random(7);
    String alphabet = "abc/%?&=.-_~:;[]{}\\\"'<>|^`ё漢 \t";
    for (int i = 0; i < 200; i++) {
      StringBuilder path = new StringBuilder("/api/classes/");
      int n = random.nextInt(40);
      for (int j = 0; j < n; j++) {
        path.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String encoded = java.net.URLEncoder.encode(path.toString(), java.nio.charset.StandardCharsets.UTF_8)
          .replace("%2F", "/").replace("+", "%20");
      String token = random.nextBoolean() ? TOKEN_A : null;
      HttpResponse<String> r = get(dashboard, encoded, token);
      assertThat(r.statusCode()).as(encoded).isBetween(200, 499);
    }
    assertThat(get(dashboard, "/api/classes/yoga-a/participants", TOKEN_A).statusCode()).isEqualTo(200);
  }

  @Test
  void anAddressAskingTooFastIsToldToRetryLater() throws Exception {
    for (int i = 0; i < 4; i++) {
      assertThat(get(limited, "/api/classes/yoga-a/participants", TOKEN_A).statusCode()).isEqualTo(200);
    }
    HttpResponse<String> r = get(limited, "/api/classes/yoga-a/participants", TOKEN_A);
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.headers().firstValue("Retry-After")).hasValue("2");
    assertThat(r.body()).contains("too many requests").doesNotContain(STUDENTS_A.get(0));
    // Guessing tokens is limited too: the limit applies before authentication.
    assertThat(get(limited, "/api/classes/yoga-a/participants", "guess-000000000000000").statusCode()).isEqualTo(429);
    assertThat(get(limited, "/classes/yoga-a?token=guess-000000000000000", null).statusCode()).isEqualTo(429);
    // The front page asks for nothing secret; the limit of another server is its own.
    assertThat(get(limited, "/", null).statusCode()).isEqualTo(200);
    assertThat(get(dashboard, "/api/classes/yoga-a/participants", TOKEN_A).statusCode()).isEqualTo(200);
    Thread.sleep(2000);
    assertThat(get(limited, "/api/classes/yoga-a/participants", TOKEN_A).statusCode()).isEqualTo(200);
  }
}
