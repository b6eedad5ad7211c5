package io.repstream.ingest.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.repstream.ingest.Clips;
import io.repstream.ingest.FfmpegProcess;
import io.repstream.ingest.source.StreamDecoder;
import io.repstream.ingest.config.IngestConfig;
import io.repstream.ingest.roster.RosterEntry;
import io.repstream.ingest.roster.RosterValidator;
import io.repstream.ingest.roster.StreamSpec;
import io.repstream.schemas.Frame;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamWorkerTest {
  @TempDir Path dir;

  private final IngestConfig config = IngestConfig.withOverrides(Map.of(
      "ingest.file.enabled", "true", "ingest.file.pacing", "fast", "ingest.frame.max-side", "320",
      "ingest.reconnect.initial", "20ms", "ingest.reconnect.max", "50ms", "ingest.reconnect.max-attempts", "3",
      "ingest.open.timeout", "1s", "ingest.read.timeout", "1s",
      // aDeadUrlIsRetried... connects to a closed port on this machine.
      "ingest.url.allow-private-addresses", "true"));
  private final List<Frame> frames = new CopyOnWriteArrayList<>();

  private StreamWorker run(RosterEntry entry) throws InterruptedException {
    StreamSpec spec = new RosterValidator(config).validate(entry);
    StreamWorker w = new StreamWorker(spec, config, (f, m) -> frames.add(f), new StreamMetrics(new SimpleMeterRegistry(), spec));
    Thread t = new Thread(w);
    t.start();
    assertThat(w.awaitFinished(60, TimeUnit.SECONDS)).as("worker finished").isTrue();
    return w;
  }

  private static RosterEntry single(String id, String url) {
    return new RosterEntry(id, "class-1", url, "p-" + id, null, null, null, null, null);
  }

  @Test
  void aFilePlayedFastEndsCleanlyWithEveryFrameSampledInOrder() throws Exception {
    Path clip = Clips.clip(Clips.H264_NTSC);
    StreamWorker w = run(single("s1", clip.toString()));
    StreamStatus s = w.status();
    assertThat(s.state()).isEqualTo(StreamState.ENDED);
    assertThat(s.lastError()).isNull();
    assertThat(s.framesDecoded()).isEqualTo(544);
    // 544 frames at 23.976 fps are 22.69 s: 227 slots of 100 ms.
    assertThat(frames).hasSizeBetween(226, 228);
    assertThat(s.framesSampled()).isEqualTo(frames.size());
    for (int i = 0; i < frames.size(); i++) {
      Frame f = frames.get(i);
      assertThat(f.getSequence()).isEqualTo(i);
      assertThat(f.getParticipantId()).isEqualTo("p-s1");
      assertThat(f.getWidth()).isEqualTo(320);
      assertThat(f.getHeight()).isEqualTo(180);
      if (i > 0) {
        long gap = f.getCaptureTime().toEpochMilli() - frames.get(i - 1).getCaptureTime().toEpochMilli();
        assertThat(gap).as("capture time gap before frame %d", i).isBetween(58L, 142L);
      }
    }
    long span = frames.get(frames.size() - 1).getCaptureTime().toEpochMilli() - frames.get(0).getCaptureTime().toEpochMilli();
    assertThat(span).isBetween(22_500L, 22_700L);
  }

  @Test
  void aFileAtRealTimeTakesAsLongAsItPlays() throws Exception {
    Path clip = Clips.clip(Clips.SHORT_29FPS);
    IngestConfig realtime = IngestConfig.withOverrides(Map.of("ingest.file.enabled", "true", "ingest.file.pacing", "realtime"));
    StreamSpec spec = new RosterValidator(realtime).validate(single("rt", clip.toString()));
    StreamWorker w = new StreamWorker(spec, realtime, (f, m) -> frames.add(f), new StreamMetrics(new SimpleMeterRegistry(), spec));
    long t0 = System.nanoTime();
    new Thread(w).start();
    assertThat(w.awaitFinished(30, TimeUnit.SECONDS)).isTrue();
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertThat(w.state()).isEqualTo(StreamState.ENDED);
    // 124 frames at 29 fps: the last one is due 4.24 s after the first.
    assertThat(elapsedMs).isGreaterThanOrEqualTo(4_200);
    assertThat(frames).hasSizeBetween(42, 44);
    // Event time follows the stream's clock, and here the wall clock too: capture times span the clip.
    long span = frames.get(frames.size() - 1).getCaptureTime().toEpochMilli() - frames.get(0).getCaptureTime().toEpochMilli();
    assertThat(span).isBetween(4_100L, 4_300L);
  }

  @Test
  void aLoopedFilePlaysOnPastItsEndAsOneUnbrokenStream() throws Exception {
    Path clip = Clips.clip(Clips.SHORT_29FPS);
    IngestConfig loop = IngestConfig.withOverrides(Map.of("ingest.file.enabled", "true", "ingest.file.pacing", "loop"));
    StreamSpec spec = new RosterValidator(loop).validate(single("loop", clip.toString()));
    StreamWorker w = new StreamWorker(spec, loop, (f, m) -> frames.add(f), new StreamMetrics(new SimpleMeterRegistry(), spec));
    new Thread(w).start();
    // One play gives 43 frames (4.24 s at 10 fps); wait for well into the second.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (frames.size() < 60 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    StreamState whilePlaying = w.state();
    w.stop();
    assertThat(w.awaitFinished(10, TimeUnit.SECONDS)).isTrue();
    assertThat(frames).hasSizeGreaterThanOrEqualTo(60);
    assertThat(whilePlaying).isIn(StreamState.STREAMING, StreamState.CONNECTING);
    assertThat(w.status().reconnects()).as("started over at least once").isPositive();
    for (int i = 1; i < frames.size(); i++) {
      assertThat(frames.get(i).getSequence()).isEqualTo(i);
      long gap = frames.get(i).getCaptureTime().toEpochMilli() - frames.get(i - 1).getCaptureTime().toEpochMilli();
      assertThat(gap).as("capture time gap before frame %d, across the restart too", i).isBetween(1L, 400L);
    }
  }

  @Test
  void aCorruptFileIsDeadAtOnceWithFfmpegsReason() throws Exception {
    Path bad = dir.resolve("corrupt.mp4");
    byte[] junk = new byte[64 * 1024];
    new java.util.Random(42).nextBytes(junk);
    Files.write(bad, junk);
    StreamWorker w = run(single("bad", bad.toString()));
    assertThat(w.state()).isEqualTo(StreamState.DEAD);
    assertThat(w.status().lastError()).contains(bad.toString()).contains("Invalid data found when processing input");
    assertThat(w.status().lastError()).doesNotContain("setFormat");
    assertThat(w.status().reconnects()).isZero();
    assertThat(frames).isEmpty();
  }

  @Test
  void aTruncatedVideoFileIsDeadWithAClearReason() throws Exception {
    Path clip = Clips.clip(Clips.SHORT_29FPS);
    Path cut = dir.resolve("truncated.mp4");
    byte[] all = Files.readAllBytes(clip);
    Files.write(cut, java.util.Arrays.copyOf(all, all.length / 3));
    StreamWorker w = run(single("cut", cut.toString()));
    // This clip keeps its index at the end: without it FFmpeg cannot even open the file.
    assertThat(w.state()).isEqualTo(StreamState.DEAD);
    assertThat(w.status().lastError()).contains("cannot open").contains(cut.toString()).contains("moov atom not found");
  }

  @Test
  void aVideoOfAbsurdSizeIsDeadWithItsSizeNamed() throws Exception {
    FfmpegProcess.assumeInstalled();
    Path wide = dir.resolve("wide.avi");
    // A valid video 9000 pixels wide: motion JPEG allows it, no camera sends it.
    FfmpegProcess.run(dir, "wide", "-f", "lavfi", "-i", "color=c=gray:size=9000x32:rate=5", "-t", "0.4", "-c:v", "mjpeg",
        wide.toString());
    StreamWorker w = run(single("wide", wide.toString()));
    assertThat(w.state()).isEqualTo(StreamState.DEAD);
    assertThat(w.status().lastError()).contains(wide.toString()).contains("9000x32")
        .contains("larger than the " + StreamDecoder.MAX_SOURCE_SIDE + " pixels a side");
    assertThat(frames).isEmpty();
  }

  @Test
  void randomBytesServedAsALiveStreamAreRetriedThenDeadWithFfmpegsReason() throws Exception {
    byte[] junk = new byte[64 * 1024];
    new java.util.Random(7).nextBytes(junk);
    com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/live.ts", ex -> {
      ex.sendResponseHeaders(200, junk.length);
      try (var out = ex.getResponseBody()) {
        out.write(junk);
      }
    });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/live.ts";
      StreamWorker w = run(single("junk", url));
      assertThat(w.state()).isEqualTo(StreamState.DEAD);
      assertThat(w.status().lastError()).contains("gave up after 3 failed attempts").contains(url)
          .contains("Invalid data found when processing input");
      assertThat(frames).isEmpty();
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aDeadUrlIsRetriedWithBackOffThenDeclaredDead() throws Exception {
    StreamWorker w = run(single("nobody", "http://127.0.0.1:9/live.ts"));
    StreamStatus s = w.status();
    assertThat(s.state()).isEqualTo(StreamState.DEAD);
    assertThat(s.lastError()).contains("gave up after 3 failed attempts").contains("Connection refused");
    assertThat(s.reconnects()).isEqualTo(2);
    assertThat(frames).isEmpty();
  }
}
