package io.repstream.dashboard;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.http.staticfiles.Location;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.repstream.common.http.RequestRateLimit;
import io.repstream.common.kafka.AvroSerde;
import io.repstream.common.kafka.Topic;
import io.repstream.schemas.ClassCommand;
import io.repstream.schemas.ClassControl;
import io.repstream.schemas.RepEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trainers' dashboard: a live page per class and a JSON API for other programs. Every class route
 * checks the class's token (header {@code Authorization: Bearer}, or the cookie the page sets after the
 * first visit with {@code ?token=}); students' thumbnails are served only to their own class's page.
 */
public final class DashboardServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);
  static final String TOKEN_COOKIE = "repstream_token";
  private static final int DEFAULT_PAGE = 50;
  private static final int MAX_PAGE = 500;
  private static final long CONTROL_ACK_SECONDS = 10;

  private final DashboardConfig config;
  private final ClassAccess access;
  private final RequestRateLimit apiRateLimit;
  private final ClassBoards boards;
  private final CountFeed feed;
  private final LiveUpdates live;
  private final KafkaProducer<String, ClassControl> controls;
  private final String page;
  private Javalin app;

  public DashboardServer(DashboardConfig config, MeterRegistry metrics) {
    this.config = config;
    this.access = new ClassAccess(config.tokensByClass(), config.oidc().map(o ->
        new OidcTokens(o.jwksFile(), o.issuer(), o.audience(), o.classesClaim())));
    this.apiRateLimit = new RequestRateLimit(config.apiRatePerSecond(), config.apiBurst());
    this.boards = new ClassBoards(config.repEventsKept());
    this.feed = new CountFeed(config.kafka().clientProperties(), config.topics(), boards, config.thumbnails(), metrics);
    this.live = new LiveUpdates(boards, config.thumbnails(), config.poseInterval(), config.heartbeat());
    boards.listen(live);
    Properties p = config.kafka().clientProperties();
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    this.controls = new KafkaProducer<>(p, new StringSerializer(), AvroSerde.classControl());
    this.page = resource("dashboard/index.html").replace("{{staleAfterMs}}", Long.toString(config.staleAfter().toMillis()));
    Gauge.builder("repstream_dashboard_pages_connected", live, LiveUpdates::connectedPages).register(metrics);
  }

  public DashboardServer start() {
    feed.start();
    app = Javalin.create(c -> {
      c.showJavalinBanner = false;
      c.staticFiles.add(sf -> {
        sf.hostedPath = "/static";
        sf.directory = "/dashboard";
        sf.location = Location.CLASSPATH;
      });
    });
    // Before authentication too, so guessing tokens (by API or by page) is as slow as any other use.
    app.before("/api/*", this::limitRate);
    app.before("/classes/*", this::limitRate);
    app.get("/", ctx -> ctx.html(info("RepStream dashboard", "Open your class's address, /classes/&lt;class&gt;, with the token you were given.")));
    app.get("/classes/{classId}", this::classPage);
    app.get("/api/classes", this::classes);
    app.get("/api/classes/{classId}/participants", ctx -> ctx.json(board(ctx).tiles(false)));
    app.get("/api/classes/{classId}/participants/{participantId}", ctx ->
        ctx.json(board(ctx).tile(ctx.pathParam("participantId"), false).orElseThrow(() -> new NotFoundResponse("no such participant"))));
    app.get("/api/classes/{classId}/participants/{participantId}/rep-events", this::repEvents);
    app.get("/api/classes/{classId}/participants/{participantId}/thumbnail.jpg", this::thumbnail);
    app.post("/api/classes/{classId}/sets", ctx -> command(ctx, ClassCommand.NEW_SET));
    app.post("/api/classes/{classId}/reset", ctx -> command(ctx, ClassCommand.RESET_COUNTS));
    app.sse("/api/classes/{classId}/events", client -> {
      String classId = authorize(client.ctx());
      live.join(classId, client);
    });
    app.exception(IllegalArgumentException.class, (e, ctx) -> ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error", e.getMessage())));
    app.start(config.httpHost(), config.httpPort());
    LOG.info("Dashboard serving classes {} at http://{}:{}/classes/<class>", config.tokensByClass().keySet(),
        config.httpHost(), port());
    return this;
  }

  public int port() {
    return app.port();
  }

  public boolean ready() {
    return feed.isAlive() && feed.caughtUp();
  }

  public boolean alive() {
    return feed.isAlive();
  }

  private void limitRate(Context ctx) {
    long waitSeconds = apiRateLimit.acquire(ctx.ip());
    if (waitSeconds > 0) {
      ctx.header("Retry-After", Long.toString(waitSeconds));
      ctx.status(HttpStatus.TOO_MANY_REQUESTS).json(Map.of("error", "too many requests from this address; retry after "
          + waitSeconds + " s"));
      ctx.skipRemainingHandlers();
    }
  }

  private void classPage(Context ctx) {
    String classId = ctx.pathParam("classId");
    String fromQuery = ctx.queryParam("token");
    if (fromQuery != null) {
      if (access.decide(classId, fromQuery) == ClassAccess.Decision.ALLOWED) {
        // Keep the token out of the address bar and history: move it to an HttpOnly cookie.
        ctx.res().addHeader("Set-Cookie", TOKEN_COOKIE + "=" + fromQuery + "; Path=/; HttpOnly; SameSite=Strict");
        ctx.redirect("/classes/" + classId, HttpStatus.SEE_OTHER);
        return;
      }
    }
    String token = fromQuery != null ? fromQuery : presentedToken(ctx);
    switch (access.decide(classId, token)) {
      case ALLOWED -> ctx.html(page);
      case FORBIDDEN -> ctx.status(HttpStatus.FORBIDDEN).html(info("Not your class", "This token opens another class."));
      case UNAUTHENTICATED -> ctx.status(HttpStatus.UNAUTHORIZED).html(info("Class token needed",
          "<form method='get'><label>Token <input name='token' type='password' autofocus></label> <button>Open</button></form>"));
    }
  }

  private void classes(Context ctx) {
    Set<String> classes = access.classesOf(presentedToken(ctx));
    if (classes.isEmpty()) {
      throw new UnauthorizedResponse("class token needed");
    }
    ctx.json(classes.stream().sorted().map(classId -> Map.of("classId", classId,
        "participants", boards.board(classId).map(b -> b.tiles(false).size()).orElse(0))).toList());
  }

  private void repEvents(Context ctx) {
    ClassBoard board = board(ctx);
    long from = ctx.queryParamAsClass("from", Long.class).check(v -> v >= 0, "from must be 0 or more").getOrDefault(0L);
    int limit = ctx.queryParamAsClass("limit", Integer.class).check(v -> v > 0 && v <= MAX_PAGE,
        "limit must be 1 to " + MAX_PAGE).getOrDefault(DEFAULT_PAGE);
    ClassBoard.RepEventPage p = board.repEvents(ctx.pathParam("participantId"), from, limit)
        .orElseThrow(() -> new NotFoundResponse("no such participant"));
    ctx.json(Map.of("events", p.events().stream().map(DashboardServer::repJson).toList(), "next", p.next(), "total", p.total()));
  }

  private void thumbnail(Context ctx) {
    ClassBoard board = board(ctx);
    if (!config.thumbnails()) {
      throw new NotFoundResponse("thumbnails are turned off");
    }
    byte[] jpeg = board.thumbnailOf(ctx.pathParam("participantId")).orElseThrow(() -> new NotFoundResponse("no frame yet"));
    ctx.header("Cache-Control", "no-store");
    ctx.contentType("image/jpeg").result(jpeg);
  }

  private void command(Context ctx, ClassCommand command) throws Exception {
    String classId = authorize(ctx);
    ClassControl c = ClassControl.newBuilder().setClassId(classId).setCommand(command).setIssuedAt(Instant.now())
        .setIssuedBy("trainer of " + classId).build();
    controls.send(new ProducerRecord<>(config.topics().name(Topic.CLASS_CONTROL), classId, c))
        .get(CONTROL_ACK_SECONDS, TimeUnit.SECONDS);
    ctx.status(HttpStatus.ACCEPTED).json(Map.of("classId", classId, "command", command.name(), "issuedAt", c.getIssuedAt().toString()));
  }

  private ClassBoard board(Context ctx) {
    return boards.boardOrNew(authorize(ctx));
  }

  /** The class of the request if its token opens it; 401 or 403 otherwise. */
  private String authorize(Context ctx) {
    String classId = ctx.pathParam("classId");
    return switch (access.decide(classId, presentedToken(ctx))) {
      case ALLOWED -> classId;
      case FORBIDDEN -> throw new ForbiddenResponse("this token does not open class " + classId);
      case UNAUTHENTICATED -> throw new UnauthorizedResponse("class token needed");
    };
  }

  private static String presentedToken(Context ctx) {
    String header = ctx.header("Authorization");
    if (header != null && header.startsWith("Bearer ")) {
      return header.substring("Bearer ".length()).trim();
    }
    return ctx.cookie(TOKEN_COOKIE);
  }

  private static Map<String, Object> repJson(RepEvent e) {
    return Map.ofEntries(
        Map.entry("participantId", e.getParticipantId()),
        Map.entry("exercise", e.getExercise()),
        Map.entry("kind", e.getKind().name()),
        Map.entry("method", e.getMethod().name()),
        Map.entry("setNumber", e.getSetNumber()),
        Map.entry("repNumber", e.getRepNumber()),
        Map.entry("startTime", e.getStartTime().toEpochMilli()),
        Map.entry("endTime", e.getEndTime().toEpochMilli()),
        Map.entry("durationMillis", e.getDurationMillis()),
        Map.entry("rangeOfMotion", e.getRangeOfMotion()),
        Map.entry("confidence", e.getConfidence()));
  }

  private static String info(String title, String body) {
    return "<!doctype html><html><head><meta charset='utf-8'><title>" + title + "</title>"
        + "<link rel='stylesheet' href='/static/style.css'></head><body class='info'><h1>" + title + "</h1><p>" + body
        + "</p></body></html>";
  }

  private static String resource(String name) {
    try (InputStream in = DashboardServer.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (app != null) {
      app.stop();
    }
    // The feed first: it hands every record to the live updates, whose sender refuses work once closed.
    feed.close();
    live.close();
    controls.close();
  }
}
