package io.repstream.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.repstream.broker.EmbeddedKafkaBroker;
import io.repstream.common.config.KafkaSettings;
import io.repstream.common.config.Settings;
import io.repstream.common.kafka.AvroSerde;
import io.repstream.common.kafka.Topic;
import io.repstream.common.kafka.TopicCreator;
import io.repstream.common.kafka.Topics;
import io.repstream.schemas.Box;
import io.repstream.schemas.CountMethod;
import io.repstream.schemas.Frame;
import io.repstream.schemas.Keypoint;
import io.repstream.schemas.ParticipantState;
import io.repstream.schemas.ParticipantStatus;
import io.repstream.schemas.Phase;
import io.repstream.schemas.Pose;
import io.repstream.schemas.Prediction;
import io.repstream.schemas.RepEvent;
import io.repstream.schemas.RepKind;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in real headless Chromium, fed through a real broker: what a trainer sees when reps happen,
 * a stream stops, a new set starts, and someone tries the wrong token.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserIT {
  @TempDir static Path chromiumProfile;
  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  private static final String CLASS_A = "class-a";
  private static final String TOKEN_A = "token-of-class-a-0123456789";
  private static final String TOKEN_B = "token-of-class-b-0123456789";
  /** The promise to trainers: a rep is on the page within a second. */
  private static final Duration REP_VISIBLE_WITHIN = Duration.ofSeconds(1);
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private static EmbeddedKafkaBroker broker;
  private static DashboardServer dashboard;
  private static Topics topics;
  private static KafkaProducer<String, byte[]> producer;
  private static WebDriver browser;
  private static final Map<String, Integer> reps = new HashMap<>();
  private static final Instant T0 = Instant.now();

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute(),
        "browser test needs Debian's chromium and chromium-driver (bin/setup installs them)");
    broker = EmbeddedKafkaBroker.startDefault();
    Settings settings = Settings.of(Map.of(
        "kafka.bootstrap.servers", broker.bootstrapServers(),
        "dashboard.http.host", "127.0.0.1",
        "dashboard.http.port", "0",
        "dashboard.tokens", CLASS_A + "=" + TOKEN_A + ",class-b=" + TOKEN_B,
        "dashboard.heartbeat", "250ms",
        "dashboard.stale.after", "2s",
        "dashboard.pose.interval", "100ms"));
    DashboardConfig config = DashboardConfig.from(settings);
    topics = config.topics();
    try (Admin admin = Admin.create(config.kafka().clientProperties())) {
      TopicCreator.ensure(admin, topics);
    }
    Properties p = KafkaSettings.bootstrap(broker.bootstrapServers()).clientProperties();
    p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    for (String who : List.of("ana", "ben", "cleo")) {
      status(CLASS_A, who, ParticipantState.ACTIVE, "squat", 0);
    }
    status("class-b", "dmitri", ParticipantState.ACTIVE, "push_up", 0);
    producer.flush();
    dashboard = new DashboardServer(config, new SimpleMeterRegistry()).start();

    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-quic", "--window-size=1280,800",
        "--user-data-dir=" + chromiumProfile);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).build();
    browser = new ChromeDriver(service, options);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (dashboard != null) {
      dashboard.close();
    }
    if (producer != null) {
      producer.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  @Order(1)
  void pageShowsTheStudentsOfItsClassOnly() {
    browser.get(url("/classes/" + CLASS_A + "?token=" + TOKEN_A));
    // The token moved into a cookie and out of the address bar.
    assertThat(browser.getCurrentUrl()).doesNotContain("token");
    waitFor(Duration.ofSeconds(15), () -> tiles().size() == 3);
    assertThat(tiles()).extracting(t -> t.getAttribute("data-participant-id")).containsExactly("ana", "ben", "cleo");
    assertThat(browser.findElements(By.cssSelector("[data-participant-id='dmitri']"))).isEmpty();
    waitFor(Duration.ofSeconds(5), () -> text("#connection").equals("live"));
    assertThat(tile("ana").findElement(By.cssSelector(".exercise")).getText()).isEqualToIgnoringCase("squat");
  }

  @Test
  @Order(2)
  void liveThumbnailWithSkeletonShowsOnlyWhereAFrameArrived() throws Exception {
    // The skeleton first, the frame after it: the frame is on the page even when it comes last and alone.
    frameAndPose(CLASS_A, "ana");
    waitFor(Duration.ofSeconds(5), () -> tile("ana").findElement(By.cssSelector(".video")).isDisplayed()
        && (Boolean) ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
            "const i = document.querySelector(\"[data-participant-id='ana'] img\"); return i.complete && i.naturalWidth === 320;"));
    assertThat(tile("ben").findElement(By.cssSelector(".video")).isDisplayed()).isFalse();
    // The skeleton is drawn: the canvas over the thumbnail has coloured pixels.
    Object drawn = ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
        "const c = document.querySelector(\"[data-participant-id='ana'] canvas\");"
            + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
            + "let n = 0; for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) n++; } return n;");
    assertThat(((Number) drawn).longValue()).isGreaterThan(100);
  }

  @Test
  @Order(3)
  void repProducedUpstreamAppearsWithinASecond() {
    long sent = System.nanoTime();
    rep(CLASS_A, "ben", "squat");
    status(CLASS_A, "ben", ParticipantState.ACTIVE, "squat", reps.get("ben"));
    producer.flush();
    waitFor(REP_VISIBLE_WITHIN, () -> repsInSet("ben") == 1);
    long millis = Duration.ofNanos(System.nanoTime() - sent).toMillis();
    assertThat(millis).isLessThanOrEqualTo(REP_VISIBLE_WITHIN.toMillis());
    for (int i = 0; i < 4; i++) {
      rep(CLASS_A, "ana", "squat");
    }
    status(CLASS_A, "ana", ParticipantState.ACTIVE, "squat", reps.get("ana"));
    producer.flush();
    waitFor(Duration.ofSeconds(2), () -> repsInSet("ana") == 4);
    assertThat(text("#total-reps")).isEqualTo("5");
  }

  @Test
  @Order(4)
  void studentWhoseStreamStopsTurnsToStreamDownFirstInLine() throws Exception {
    status(CLASS_A, "cleo", ParticipantState.STREAM_DOWN, "squat", 0);
    producer.flush();
    waitFor(Duration.ofSeconds(2), () -> tile("cleo").getAttribute("data-state").equals("STREAM_DOWN"));
    assertThat(tile("cleo").findElement(By.cssSelector(".state")).getText()).isEqualTo("stream down");
    assertThat(tiles().get(0).getAttribute("data-participant-id")).isEqualTo("cleo");
    assertThat(text("#total-attention")).isEqualTo("1");
  }

  @Test
  @Order(5)
  void newSetStartsTheSetCountAgainButKeepsTheClassTotal() {
    browser.findElement(By.id("new-set")).click();
    waitFor(Duration.ofSeconds(3), () -> repsInSet("ana") == 0);
    assertThat(tile("ana").findElement(By.cssSelector(".reps-class")).getText()).isEqualTo("4");
    rep(CLASS_A, "ana", "squat");
    status(CLASS_A, "ana", ParticipantState.ACTIVE, "squat", reps.get("ana"));
    producer.flush();
    waitFor(Duration.ofSeconds(2), () -> repsInSet("ana") == 1);
    assertThat(tile("ana").findElement(By.cssSelector(".reps-class")).getText()).isEqualTo("5");
  }

  @Test
  @Order(6)
  void wrongTokensAreRefused() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    assertThat(get(http, "/api/classes/" + CLASS_A + "/participants", null).statusCode()).isEqualTo(401);
    assertThat(get(http, "/api/classes/" + CLASS_A + "/participants", "not-a-real-token-at-all").statusCode()).isEqualTo(401);
    HttpResponse<String> other = get(http, "/api/classes/" + CLASS_A + "/participants", TOKEN_B);
    assertThat(other.statusCode()).isEqualTo(403);
    assertThat(other.body()).doesNotContain("ana").doesNotContain("ben");
    assertThat(get(http, "/api/classes/" + CLASS_A + "/participants/ana/thumbnail.jpg", TOKEN_B).statusCode()).isEqualTo(403);
    HttpResponse<String> mine = get(http, "/api/classes/" + CLASS_A + "/participants", TOKEN_A);
    assertThat(mine.statusCode()).isEqualTo(200);
    assertThat(mine.body()).contains("\"participantId\":\"ana\"").doesNotContain("dmitri");
    HttpResponse<String> events = get(http, "/api/classes/" + CLASS_A + "/participants/ana/rep-events?from=1&limit=2", TOKEN_A);
    assertThat(events.body()).contains("\"next\":3").contains("\"total\":5");

    screenshot("dashboard-class-a.png");
    browser.manage().deleteAllCookies();
    browser.get(url("/classes/" + CLASS_A + "?token=" + TOKEN_B));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Not your class");
    assertThat(browser.findElements(By.cssSelector("[data-participant-id]"))).isEmpty();
  }

  @Test
  @Order(7)
  void fiftyStudentsFitOneScreen() throws Exception {
    for (int i = 0; i < 50; i++) {
      status("class-b", String.format("student-%02d", i), i % 9 == 0 ? ParticipantState.IDLE : ParticipantState.ACTIVE,
          i % 2 == 0 ? "squat" : "push_up", i % 13);
    }
    producer.flush();
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(1920, 1080));
    browser.get(url("/classes/class-b?token=" + TOKEN_B));
    waitFor(Duration.ofSeconds(10), () -> tiles().size() == 51);
    int viewport = ((Number) ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("return window.innerHeight;")).intValue();
    for (WebElement t : tiles()) {
      assertThat(t.getRect().getY() + t.getRect().getHeight()).as(t.getAttribute("data-participant-id")).isLessThanOrEqualTo(viewport);
    }
    screenshot("dashboard-50-students.png");
  }

  private static HttpResponse<String> get(HttpClient http, String path, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void status(String classId, String who, ParticipantState state, String exercise, int inSet) {
    ParticipantStatus s = ParticipantStatus.newBuilder().setClassId(classId).setParticipantId(who).setState(state)
        .setExercise(exercise).setPhase(Phase.TOP).setSetNumber(1).setRepsInSet(inSet)
        .setRepsByExercise(Map.of(exercise, inSet)).setRepsPerMinute(inSet == 0 ? 0f : 14f)
        .setLastRepMillis(inSet == 0 ? null : 2100L).setLastEventTime(Instant.now()).setUpdateTime(Instant.now()).build();
    send(Topic.PARTICIPANT_STATUS, who, AvroSerde.participantStatus().serialize("", s));
  }

  private static void rep(String classId, String who, String exercise) {
    int n = reps.merge(who, 1, Integer::sum);
    Instant end = Instant.now();
    RepEvent e = RepEvent.newBuilder().setClassId(classId).setParticipantId(who).setExercise(exercise)
        .setKind(RepKind.COUNTED).setMethod(CountMethod.EXERCISE_PHASES).setSetNumber(1).setRepNumber(n)
        .setStartTime(end.minusMillis(2000)).setEndTime(end).setDurationMillis(2000).setRangeOfMotion(0.9f)
        .setConfidence(0.95f).build();
    send(Topic.REP_EVENTS, who, AvroSerde.repEvent().serialize("", e));
  }

  /** A drawn figure as the thumbnail and a matching skeleton, as ingest and the classifier would publish them. */
  private static void frameAndPose(String classId, String who) throws Exception {
    float[][] joints = {{.5f, .15f}, {.48f, .13f}, {.52f, .13f}, {.46f, .14f}, {.54f, .14f}, {.42f, .28f}, {.58f, .28f},
        {.38f, .42f}, {.62f, .42f}, {.36f, .55f}, {.64f, .55f}, {.45f, .55f}, {.55f, .55f}, {.44f, .72f}, {.56f, .72f},
        {.44f, .9f}, {.56f, .9f}};
    BufferedImage img = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(new Color(70, 80, 95));
    g.fillRect(0, 0, 320, 240);
    g.setColor(new Color(220, 180, 150));
    g.fillOval(150, 20, 20, 25);
    g.fillRect(135, 60, 50, 75);
    g.dispose();
    ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
    ImageIO.write(img, "jpg", jpeg);
    Instant now = Instant.now();
    Frame f = Frame.newBuilder().setClassId(classId).setParticipantId(who).setStreamId(who).setSequence(0)
        .setCaptureTime(now).setIngestTime(now).setWidth(320).setHeight(240).setJpeg(ByteBuffer.wrap(jpeg.toByteArray())).build();
    List<Keypoint> kps = new ArrayList<>();
    for (float[] j : joints) {
      kps.add(new Keypoint(j[0], j[1], 0.9f));
    }
    Prediction p = Prediction.newBuilder().setClassId(classId).setParticipantId(who).setStreamId(who).setSequence(0)
        .setCaptureTime(now).setIngestTime(now).setPredictTime(now).setPose(new Pose(new Box(.3f, .1f, .7f, .95f), .9f, kps))
        .setExercise("squat").setExerciseProbabilities(List.of()).setPhase(Phase.TOP).setPhaseProbabilities(List.of())
        .setModelName("test").setModelVersion("0").setInferenceMillis(0f).build();
    send(Topic.PREDICTIONS, who, AvroSerde.prediction().serialize("", p));
    producer.flush();
    send(Topic.FRAMES, who, AvroSerde.frame().serialize("", f));
    producer.flush();
  }

  private static void send(Topic topic, String key, byte[] value) {
    producer.send(new ProducerRecord<>(topics.name(topic), key, value));
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + dashboard.port() + path;
  }

  private static List<WebElement> tiles() {
    return browser.findElements(By.cssSelector("#tiles [data-participant-id]"));
  }

  private static WebElement tile(String who) {
    return browser.findElement(By.cssSelector("[data-participant-id='" + who + "']"));
  }

  private static int repsInSet(String who) {
    return Integer.parseInt(tile(who).findElement(By.cssSelector(".reps-set")).getText());
  }

  private static String text(String css) {
    return browser.findElement(By.cssSelector(css)).getText();
  }

  private static void waitFor(Duration timeout, java.util.function.BooleanSupplier condition) {
    new WebDriverWait(browser, timeout, Duration.ofMillis(20)).until(d -> condition.getAsBoolean());
  }

  private static void screenshot(String name) throws Exception {
    Files.createDirectories(SCREENSHOTS);
    File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }
}
