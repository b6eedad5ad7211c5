package io.repstream.ingest.bench;

import io.repstream.common.clips.ClipLabels;
import io.repstream.ingest.config.IngestConfig;
import io.repstream.ingest.config.IngestConfig.EncoderKind;
import io.repstream.ingest.encode.EncodedJpeg;
import io.repstream.ingest.encode.JpegEncoder;
import io.repstream.ingest.roster.Tile;
import io.repstream.ingest.sample.FrameSampler;
import io.repstream.ingest.source.StreamDecoder;
import io.repstream.ingest.source.StreamUrl;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code repstream bench ingest}: single-core cost of ingest's decode, sample and encode on real clips, beside
 * the ffmpeg tool decoding the same clips to nothing ({@code ffmpeg -threads 1 -i CLIP -an -f null -}), and
 * how many 720p30 streams sampled at 10 fps one core sustains. Everything runs on one thread with one
 * decoder thread, so CPU seconds are per core; results print as a Markdown table.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = {"Measures ingest's decode + sample + JPEG encode throughput per core on real clips, beside "
        + "'ffmpeg -threads 1 -i CLIP -an -f null -' (the ffmpeg tool must be on the PATH), and how many 720p30 "
        + "streams at the sampling rate one core sustains."})
public final class IngestBench implements Callable<Integer> {
  private static final Pattern FFMPEG_BENCH = Pattern.compile("bench: utime=([0-9.]+)s stime=([0-9.]+)s rtime=([0-9.]+)s");
  /** Where the development clips live relative to the repository root. */
  private static final Path BESIDE_CHECKOUT = Path.of("../shared/data/clips");
  private static final int HD_WIDTH = 1280;
  private static final int HD_HEIGHT = 720;
  private static final double HD_MIN_FPS = 29;
  private static final double NANOS_PER_SECOND = 1e9;
  private static final double MICROS_PER_SECOND = 1e6;
  private static final double BYTES_PER_KIB = 1024;
  private static final double PERCENT = 100;
  private static final double MILLIS_PER_SECOND = 1000;

  @Option(names = "--clips", description = "Folder of clips (default: -Drepstream.clips.dir, else ../shared/data/clips).")
  Path clipsDir;

  @Option(names = "--clip", description = "Only these clip file names (repeatable; default: every .mp4 in the folder).")
  List<String> only;

  @Option(names = "--fps", defaultValue = "10", description = "Sampling rate (default: ${DEFAULT-VALUE}).")
  double fps;

  @Option(names = "--max-side", defaultValue = "640", description = "Longest side of encoded frames (default: ${DEFAULT-VALUE}).")
  int maxSide;

  @Option(names = "--quality", defaultValue = "80", description = "JPEG quality (default: ${DEFAULT-VALUE}).")
  int quality;

  @Option(names = "--encoders", split = ",", defaultValue = "ffmpeg,imageio",
      description = "Encoders to measure: ffmpeg, imageio (default: ${DEFAULT-VALUE}).")
  List<String> encoders;

  @Option(names = "--no-peer", description = "Skip the ffmpeg tool run.")
  boolean noPeer;

  /** One clip's cost through ingest with one encoder. */
  public record Run(String clip, EncoderKind encoder, int width, int height, double sourceFps, double seconds, long decoded,
      long sampled, long jpegBytes, double cpuSeconds, double decodeCpuSeconds, double encodeCpuSeconds) {
    public double framesPerCpuSecond() {
      return decoded / cpuSeconds;
    }

    /** Streams like this one (at its own frame rate, sampled as configured) one core sustains. */
    public double streamsPerCore() {
      return seconds / cpuSeconds;
    }
  }

  @Override
  public Integer call() throws Exception {
    Path dir = clipsDir != null ? clipsDir : ClipLabels.developmentClipsDir()
        .or(() -> Files.isRegularFile(BESIDE_CHECKOUT.resolve(ClipLabels.LABELS_FILE)) ? java.util.Optional.of(BESIDE_CHECKOUT)
            : java.util.Optional.empty())
        .orElseThrow(() -> new IllegalArgumentException("no clips: give --clips DIR, -D" + ClipLabels.CLIPS_DIR_PROPERTY
            + " or run from the repository root with " + BESIDE_CHECKOUT + " present"));
    List<Path> clips = clips(dir);
    if (clips.isEmpty()) {
      throw new IllegalArgumentException("no .mp4 clips in " + dir + (only != null ? " named " + only : ""));
    }
    List<EncoderKind> kinds = encoders.stream().map(e -> EncoderKind.valueOf(e.trim().toUpperCase(Locale.ROOT))).toList();
    System.out.printf("Ingest bench: %d clips from %s, sampling %.1f fps, max side %d, JPEG quality %d, one thread%n%n",
        clips.size(), dir, fps, maxSide, quality);
    System.out.println("| clip | size | fps | s | encoder | frames | samples | KiB/sample | ingest CPU s | decode | encode ms/sample"
        + " | ingest frames/CPU-s | ffmpeg frames/CPU-s | ingest/ffmpeg | streams/core |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    // JIT, class loading and FFmpeg's first allocations would otherwise be charged to the first clip.
    for (EncoderKind kind : kinds) {
      measure(clips.get(0), kind);
    }
    List<Run> runs = new ArrayList<>();
    double oursTotal = 0;
    double peerTotal = 0;
    for (Path clip : clips) {
      double peer = noPeer ? Double.NaN : ffmpegCpuSeconds(clip);
      for (EncoderKind kind : kinds) {
        Run r = measure(clip, kind);
        runs.add(r);
        double peerRate = r.decoded() / peer;
        if (kind == kinds.get(0) && !Double.isNaN(peer)) {
          oursTotal += r.cpuSeconds();
          peerTotal += peer;
        }
        System.out.printf(Locale.ROOT, "| %s | %dx%d | %.2f | %.1f | %s | %d | %d | %.1f | %.2f | %.0f%% | %.2f | %.0f | %.0f | %.2f | %.1f |%n",
            r.clip(), r.width(), r.height(), r.sourceFps(), r.seconds(), kind.name().toLowerCase(Locale.ROOT), r.decoded(),
            r.sampled(), r.jpegBytes() / BYTES_PER_KIB / Math.max(1, r.sampled()), r.cpuSeconds(),
            PERCENT * r.decodeCpuSeconds() / r.cpuSeconds(), MILLIS_PER_SECOND * r.encodeCpuSeconds() / Math.max(1, r.sampled()),
            r.framesPerCpuSecond(), peerRate, peer / r.cpuSeconds(), r.streamsPerCore());
      }
    }
    System.out.println();
    if (peerTotal > 0) {
      System.out.printf(Locale.ROOT, "All clips, %s encoder: ingest %.2f CPU-s, ffmpeg decode alone %.2f CPU-s: ingest runs at %.2f of "
          + "ffmpeg's per-core throughput%n", kinds.get(0).name().toLowerCase(Locale.ROOT), oursTotal, peerTotal, peerTotal / oursTotal);
    }
    for (EncoderKind kind : kinds) {
      double enc = runs.stream().filter(r -> r.encoder() == kind).mapToDouble(Run::encodeCpuSeconds).sum();
      long n = runs.stream().filter(r -> r.encoder() == kind).mapToLong(Run::sampled).sum();
      long bytes = runs.stream().filter(r -> r.encoder() == kind).mapToLong(Run::jpegBytes).sum();
      System.out.printf(Locale.ROOT, "Encoder %s: %.2f ms per sample (scale + encode), %.1f KiB per sample%n",
          kind.name().toLowerCase(Locale.ROOT), MILLIS_PER_SECOND * enc / Math.max(1, n), bytes / BYTES_PER_KIB / Math.max(1, n));
    }
    List<Run> hd = runs.stream().filter(r -> r.encoder() == kinds.get(0) && r.width() == HD_WIDTH && r.height() == HD_HEIGHT
        && r.sourceFps() >= HD_MIN_FPS).toList();
    if (!hd.isEmpty()) {
      double seconds = hd.stream().mapToDouble(Run::seconds).sum();
      double cpu = hd.stream().mapToDouble(Run::cpuSeconds).sum();
      System.out.printf(Locale.ROOT, "720p30 clips (%d, %.0f s of video): one core sustains %.1f streams at %.0f fps sampling%n",
          hd.size(), seconds, seconds / cpu, fps);
    }
    return 0;
  }

  private List<Path> clips(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".mp4"))
          .filter(p -> only == null || only.contains(p.getFileName().toString()))
          .sorted().toList();
    }
  }

  /** Decodes, samples and encodes a whole clip as fast as possible on this thread. */
  public Run measure(Path clip, EncoderKind kind) throws Exception {
    IngestConfig config = IngestConfig.withOverrides(Map.of("ingest.file.enabled", "true", "ingest.decoder.threads", "1"));
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    FrameSampler sampler = new FrameSampler(fps);
    long decodeCpu = 0;
    long encodeCpu = 0;
    long decoded = 0;
    long sampled = 0;
    long bytes = 0;
    long firstTs = Long.MIN_VALUE;
    long lastTs = 0;
    long t0 = mx.getCurrentThreadCpuTime();
    int width;
    int height;
    double sourceFps;
    try (StreamDecoder d = StreamDecoder.open(StreamUrl.parse(clip.toString(), Set.of(), true), false, config);
        JpegEncoder enc = JpegEncoder.create(kind, Tile.whole("bench"), maxSide, quality)) {
      width = d.width();
      height = d.height();
      sourceFps = d.frameRate();
      while (true) {
        long a = mx.getCurrentThreadCpuTime();
        StreamDecoder.Picture p = d.next();
        long b = mx.getCurrentThreadCpuTime();
        decodeCpu += b - a;
        if (p == null) {
          break;
        }
        decoded++;
        if (firstTs == Long.MIN_VALUE) {
          firstTs = p.timestampMicros();
        }
        lastTs = p.timestampMicros();
        if (sampler.accept(p.timestampMicros())) {
          EncodedJpeg j = enc.encode(p.frame());
          encodeCpu += mx.getCurrentThreadCpuTime() - b;
          sampled++;
          bytes += j.bytes().length;
        }
      }
    }
    double cpu = (mx.getCurrentThreadCpuTime() - t0) / NANOS_PER_SECOND;
    // A clip lasts from its first frame's start to its last frame's end.
    double seconds = (lastTs - firstTs) / MICROS_PER_SECOND + 1 / sourceFps;
    return new Run(clip.getFileName().toString(), kind, width, height, sourceFps, seconds, decoded, sampled, bytes, cpu,
        decodeCpu / NANOS_PER_SECOND, encodeCpu / NANOS_PER_SECOND);
  }

  /** CPU seconds (user + system) the ffmpeg tool takes to decode the clip's video to nothing on one thread. */
  static double ffmpegCpuSeconds(Path clip) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-nostdin", "-benchmark", "-threads", "1", "-i", clip.toString(),
        "-an", "-f", "null", "-").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IOException("ffmpeg failed on " + clip + ":\n" + out);
    }
    Matcher m = FFMPEG_BENCH.matcher(out);
    if (!m.find()) {
      throw new IOException("ffmpeg -benchmark printed no timing for " + clip);
    }
    return Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2));
  }
}
