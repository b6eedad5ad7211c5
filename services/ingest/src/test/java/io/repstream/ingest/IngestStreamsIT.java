package io.repstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.repstream.broker.EmbeddedKafkaBroker;
import io.repstream.common.kafka.Topic;
import io.repstream.ingest.config.IngestConfig;
import io.repstream.ingest.roster.RosterEntry;
import io.repstream.ingest.stream.StreamState;
import io.repstream.ingest.stream.StreamStatus;
import io.repstream.schemas.Frame;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest service against a real (embedded) Kafka broker, on real clips played as files and served live
 * by the ffmpeg tool over UDP, RTSP (ingest listening, the camera pushing) and HTTP.
 */
class IngestStreamsIT {
  private static final AtomicInteger TOPIC_PREFIXES = new AtomicInteger();
  /** A sampled frame's capture time follows the previous one by 100 ms, give or take one source frame at 29 fps. */
  private static final long MIN_GAP_MS = 60;
  private static final long MAX_GAP_MS = 140;
  private static EmbeddedKafkaBroker broker;

  @TempDir Path dir;
  private IngestService service;
  private FrameReader reader;

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedKafkaBroker.startDefault();
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @AfterEach
  void stop() {
    if (reader != null) {
      reader.close();
    }
    if (service != null) {
      service.close();
    }
  }

  private void start(Map<String, String> extra) {
    Map<String, String> s = new HashMap<>(Map.of(
        "kafka.bootstrap.servers", broker.bootstrapServers(),
        "topics.prefix", "it" + TOPIC_PREFIXES.incrementAndGet() + ".",
        "topics.partitions", "2",
        "ingest.file.enabled", "true",
        // The test's cameras are FFmpeg processes on this machine.
        "ingest.url.allow-private-addresses", "true",
        "ingest.frame.max-side", "320",
        "ingest.reconnect.initial", "100ms",
        "ingest.reconnect.max", "1s",
        "ingest.read.timeout", "3s",
        "ingest.open.timeout", "3s"));
    s.putAll(extra);
    IngestConfig config = IngestConfig.withOverrides(s);
    service = IngestService.start(config, new SimpleMeterRegistry());
    reader = new FrameReader(config.kafka(), config.topics().name(Topic.FRAMES));
  }

  private static RosterEntry single(String id, String url) {
    return new RosterEntry(id, "class-1", url, id, null, null, null, null, null);
  }

  private StreamStatus awaitState(String streamId, Predicate<StreamState> wanted, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    StreamStatus s = service.status(streamId).orElseThrow();
    while (!wanted.test(s.state()) && System.nanoTime() < end) {
      Thread.sleep(50);
      s = service.status(streamId).orElseThrow();
    }
    return s;
  }

  /**
   * The figures of docs/reliability.md for a stream's frames: sequence numbers missing between the first and the
   * last (lost on our side, not frames the source never sent) and numbers seen twice.
   */
  private static void reliabilityRow(String fault, List<Frame> frames) {
    long distinct = frames.stream().mapToLong(Frame::getSequence).distinct().count();
    long last = frames.stream().mapToLong(Frame::getSequence).max().orElse(-1);
    System.out.printf("RELIABILITY | %s | %d frames | %d | %d | %d | `IngestStreamsIT` |%n", fault, frames.size(),
        frames.size(), last + 1 - distinct, frames.size() - distinct);
  }

  /** Gap-free sequence from 0, strictly increasing capture times 100 ms apart (except where {@code allowGap}). */
  private static void assertSampledInOrder(List<Frame> frames, int maxLongGaps) {
    int longGaps = 0;
    for (int i = 0; i < frames.size(); i++) {
      Frame f = frames.get(i);
      assertThat(f.getSequence()).as("sequence of frame %d of %s", i, f.getParticipantId()).isEqualTo(i);
      if (i > 0) {
        long gap = f.getCaptureTime().toEpochMilli() - frames.get(i - 1).getCaptureTime().toEpochMilli();
        assertThat(gap).as("capture time gap before frame %d of %s", i, f.getParticipantId()).isPositive();
        if (gap > MAX_GAP_MS) {
          longGaps++;
        } else {
          assertThat(gap).as("capture time gap before frame %d of %s", i, f.getParticipantId()).isGreaterThanOrEqualTo(MIN_GAP_MS);
        }
      }
    }
    assertThat(longGaps).as("gaps longer than %d ms", MAX_GAP_MS).isLessThanOrEqualTo(maxLongGaps);
  }

  @Test
  void aFileFlowsToKafkaWhileACorruptFileAndADeadUrlFailWithClearErrors() throws Exception {
    start(Map.of("ingest.file.pacing", "fast", "ingest.reconnect.max-attempts", "3", "ingest.read.timeout", "5s"));
    Path corrupt = dir.resolve("corrupt.mp4");
    byte[] junk = new byte[256 * 1024];
    new Random(7).nextBytes(junk);
    Files.write(corrupt, junk);
    int deadPort = FfmpegProcess.freeTcpPort();

    service.add(single("corrupt", corrupt.toString()));
    service.add(single("dead", "http://127.0.0.1:" + deadPort + "/class.ts"));
    // Nobody sends to this one: it sits inside FFmpeg's open until the read timeout, holding no lock others need.
    service.add(single("silent", "udp://127.0.0.1:" + FfmpegProcess.freeUdpPort()));
    service.add(single("good", Clips.clip(Clips.H264_NTSC).toString()));

    assertThat(awaitState("good", s -> s == StreamState.ENDED, Duration.ofSeconds(60)).state()).isEqualTo(StreamState.ENDED);
    assertThat(service.status("silent").orElseThrow().state()).isEqualTo(StreamState.CONNECTING);
    List<Frame> good = reader.readUntil(m -> m.getOrDefault("good", List.of()).size() >= 226, Duration.ofSeconds(30)).get("good");
    // 544 frames at 23.976 fps span 22.69 s: 227 samples at 10 fps, whole-clip time order kept.
    assertThat(good).hasSizeBetween(226, 228);
    assertSampledInOrder(good, 0);
    assertThat(good).allSatisfy(f -> {
      assertThat(f.getStreamId()).isEqualTo("good");
      assertThat(f.getClassId()).isEqualTo("class-1");
      assertThat(f.getWidth()).isEqualTo(320);
      assertThat(f.getHeight()).isEqualTo(180);
    });
    assertThat(ImageIO.read(new ByteArrayInputStream(good.get(100).getJpeg().array())).getWidth()).isEqualTo(320);

    StreamStatus corruptStatus = awaitState("corrupt", s -> s == StreamState.DEAD, Duration.ofSeconds(10));
    assertThat(corruptStatus.state()).isEqualTo(StreamState.DEAD);
    assertThat(corruptStatus.lastError()).contains(corrupt.toString()).contains("Invalid data found when processing input");
    StreamStatus deadStatus = awaitState("dead", s -> s == StreamState.DEAD, Duration.ofSeconds(20));
    assertThat(deadStatus.state()).isEqualTo(StreamState.DEAD);
    assertThat(deadStatus.lastError()).contains("gave up after 3 failed attempts").contains("127.0.0.1:" + deadPort)
        .contains("Connection refused");
    assertThat(deadStatus.reconnects()).isEqualTo(2);
    StreamStatus goodStatus = service.status("good").orElseThrow();
    assertThat(goodStatus.framesPublished()).isEqualTo(good.size());
    assertThat(goodStatus.framesDropped()).isZero();
    reliabilityRow("garbage stream (random bytes as MP4) and a dead URL beside a good clip", good);
    assertThat(reader.frames("corrupt")).isEmpty();
    StreamStatus silent = awaitState("silent", s -> s == StreamState.RECONNECTING, Duration.ofSeconds(20));
    assertThat(silent.lastError()).contains("udp://127.0.0.1:").contains("without data (ingest.read.timeout is 5 s)");
  }

  @Test
  void liveStreamsOverUdpRtspAndHttpArriveInOrderAtTenFps() throws Exception {
    FfmpegProcess.assumeInstalled();
    // H.264, not MPEG-4 part 2: copied into MPEG-TS, the latter lacks the in-band headers a live receiver needs.
    String clip = Clips.clip(Clips.H264_SHORT).toString();
    start(Map.of("ingest.reconnect.max-attempts", "30"));
    Instant testStart = Instant.now();

    int udpPort = FfmpegProcess.freeUdpPort();
    service.add(single("udp", "udp://127.0.0.1:" + udpPort));
    int rtspPort = FfmpegProcess.freeTcpPort();
    service.add(new RosterEntry("rtsp", "class-1", "rtsp://127.0.0.1:" + rtspPort + "/live", "rtsp", null, null, true, null, null));
    int httpPort = FfmpegProcess.freeTcpPort();
    try (FfmpegProcess http = FfmpegProcess.start(dir, "http", "-re", "-i", clip, "-an", "-c:v", "copy", "-f", "mpegts",
            "-listen", "1", "http://127.0.0.1:" + httpPort + "/live.ts");
        FfmpegProcess udp = startWhenUdpBound(udpPort, () -> FfmpegProcess.start(dir, "udp", "-re", "-i", clip, "-an", "-c:v",
            "copy", "-f", "mpegts", "udp://127.0.0.1:" + udpPort + "?pkt_size=1316"));
        FfmpegProcess rtsp = startWhenListening(() -> FfmpegProcess.start(dir, "rtsp", "-re", "-i", clip, "-an", "-c:v", "copy",
            "-f", "rtsp", "-rtsp_transport", "tcp", "rtsp://127.0.0.1:" + rtspPort + "/live"))) {
      service.add(single("http", "http://127.0.0.1:" + httpPort + "/live.ts"));
      Map<String, List<Frame>> got = reader.readUntil(
          m -> List.of("udp", "rtsp", "http").stream().allMatch(p -> m.getOrDefault(p, List.of()).size() >= 95),
          Duration.ofSeconds(30));
      for (String p : List.of("udp", "rtsp", "http")) {
        List<Frame> frames = got.getOrDefault(p, List.of());
        // 229 frames at 24 fps span 9.54 s: 95 or 96 samples at 10 fps; a live receiver may miss the very first ones.
        assertThat(frames).as("frames over %s (server said: %s)", p,
            (p.equals("udp") ? udp : p.equals("rtsp") ? rtsp : http).output()).hasSizeBetween(88, 96);
        assertSampledInOrder(frames, 0);
        assertThat(frames.get(0).getCaptureTime()).isBetween(testStart, Instant.now());
        assertThat(frames.get(0).getWidth()).isEqualTo(320);
      }
    }
  }

  private interface Starter {
    FfmpegProcess start() throws Exception;
  }

  /**
   * Starts a sender once ingest listens: ingest's UDP socket and RTSP listener open inside its worker thread,
   * so the first tries may find nobody there (RTSP refuses; UDP would silently lose the start).
   */
  private FfmpegProcess startWhenListening(Starter starter) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (true) {
      Thread.sleep(300);
      FfmpegProcess p = starter.start();
      Thread.sleep(700);
      if (p.isAlive() || System.nanoTime() > end) {
        return p;
      }
      p.close();
    }
  }

  /**
   * Starts a UDP sender once ingest's socket is bound: datagrams sent earlier are lost, and with them the
   * first key frame and everything up to the next one.
   */
  private static FfmpegProcess startWhenUdpBound(int port, Starter starter) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < end) {
      try (java.net.DatagramSocket probe = new java.net.DatagramSocket(new java.net.InetSocketAddress("127.0.0.1", port))) {
        Thread.sleep(50);
      } catch (java.net.BindException bound) {
        break;
      }
    }
    return starter.start();
  }

  @Test
  void aCutStreamReconnectsAndItsFramesCarryOnInOrder() throws Exception {
    FfmpegProcess.assumeInstalled();
    String clip = Clips.clip(Clips.H264_NTSC).toString();
    start(Map.of("ingest.reconnect.max-attempts", "30"));
    int port = FfmpegProcess.freeTcpPort();
    String[] serve = {"-re", "-i", clip, "-an", "-c:v", "copy", "-f", "mpegts", "-listen", "1", "http://127.0.0.1:" + port + "/live.ts"};
    int beforeCut;
    try (FfmpegProcess first = FfmpegProcess.start(dir, "first", serve)) {
      service.add(single("cam", "http://127.0.0.1:" + port + "/live.ts"));
      beforeCut = reader.readUntil(m -> m.getOrDefault("cam", List.of()).size() >= 20, Duration.ofSeconds(20)).get("cam").size();
      assertThat(beforeCut).as("frames before the cut (server said: %s)", first.output()).isGreaterThanOrEqualTo(20);
      first.kill();
    }
    assertThat(awaitState("cam", s -> s == StreamState.RECONNECTING, Duration.ofSeconds(10)).state())
        .isEqualTo(StreamState.RECONNECTING);
    Thread.sleep(1000);
    try (FfmpegProcess second = FfmpegProcess.start(dir, "second", serve)) {
      List<Frame> frames = reader.readUntil(m -> m.get("cam").size() >= beforeCut + 30, Duration.ofSeconds(30)).get("cam");
      assertThat(frames).as("frames after reconnecting (server said: %s)", second.output()).hasSizeGreaterThanOrEqualTo(beforeCut + 30);
      StreamStatus s = service.status("cam").orElseThrow();
      assertThat(s.reconnects()).isGreaterThanOrEqualTo(1);
      assertThat(s.state()).isEqualTo(StreamState.STREAMING);
      // One numbering and one clock across the cut: the outage shows as a single long gap.
      assertSampledInOrder(frames, 1);
      reliabilityRow("live HTTP stream cut and served again (reconnect)", frames);
    }
  }

  @Test
  void aTwoByTwoGalleryIsSplitIntoFourParticipants() throws Exception {
    FfmpegProcess.assumeInstalled();
    Path gallery = dir.resolve("gallery.mp4");
    String[] colors = {"red", "lime", "blue", "yellow"};
    StringBuilder filter = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      // Each student's tile gets a solid marker in its top-left corner, so the test can tell tiles apart.
      filter.append('[').append(i).append(":v]scale=320:240,setsar=1,fps=25,drawbox=x=0:y=0:w=64:h=64:t=fill:color=")
          .append(colors[i]).append("[t").append(i).append("];");
    }
    filter.append("[t0][t1][t2][t3]xstack=inputs=4:layout=0_0|w0_0|0_h0|w0_h0[v]");
    FfmpegProcess.run(dir, "gallery", "-i", Clips.clip(Clips.SHORT_29FPS).toString(), "-i", Clips.clip(Clips.H264_NTSC).toString(),
        "-i", Clips.clip(Clips.PORTRAIT_15FPS).toString(), "-i", Clips.clip(Clips.H264_720P).toString(),
        "-filter_complex", filter.toString(), "-map", "[v]", "-t", "3", "-c:v", "mpeg4", "-q:v", "3", gallery.toString());

    start(Map.of("ingest.file.pacing", "fast", "ingest.frame.max-side", "640"));
    List<String> students = List.of("ana", "ben", "chloe", "dev");
    service.add(new RosterEntry("gallery", "class-1", gallery.toString(), null, new RosterEntry.Grid(2, 2), students, null, null, null));
    Map<String, List<Frame>> got = reader.readUntil(m -> students.stream().allMatch(p -> m.getOrDefault(p, List.of()).size() >= 30),
        Duration.ofSeconds(30));
    int[][] rgb = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {255, 255, 0}};
    for (int i = 0; i < 4; i++) {
      List<Frame> frames = got.getOrDefault(students.get(i), List.of());
      assertThat(frames).as("frames of %s", students.get(i)).hasSize(30);
      assertSampledInOrder(frames, 0);
      for (Frame f : List.of(frames.get(0), frames.get(15), frames.get(29))) {
        assertThat(f.getStreamId()).isEqualTo("gallery");
        assertThat(f.getWidth()).isEqualTo(320);
        assertThat(f.getHeight()).isEqualTo(240);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(f.getJpeg().array()));
        int[] mean = meanRgb(img, 8, 8, 48, 48);
        for (int c = 0; c < 3; c++) {
          assertThat(mean[c]).as("%s's marker, channel %d", students.get(i), c).isBetween(rgb[i][c] - 40, rgb[i][c] + 40);
        }
      }
    }
    // Same picture, same instants: the four tiles carry the same capture times.
    assertThat(got.get("dev").get(17).getCaptureTime()).isEqualTo(got.get("ana").get(17).getCaptureTime());
  }

  private static int[] meanRgb(BufferedImage img, int x0, int y0, int w, int h) {
    long[] sum = new long[3];
    for (int y = y0; y < y0 + h; y++) {
      for (int x = x0; x < x0 + w; x++) {
        int p = img.getRGB(x, y);
        sum[0] += (p >> 16) & 0xFF;
        sum[1] += (p >> 8) & 0xFF;
        sum[2] += p & 0xFF;
      }
    }
    int n = w * h;
    return new int[] {(int) (sum[0] / n), (int) (sum[1] / n), (int) (sum[2] / n)};
  }
}
