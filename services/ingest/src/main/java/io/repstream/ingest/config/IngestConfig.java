package io.repstream.ingest.config;

import io.repstream.common.config.InvalidConfigException;
import io.repstream.common.config.KafkaSettings;
import io.repstream.common.config.Settings;
import io.repstream.common.kafka.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything the ingest service reads from configuration, validated once at start. Keys and defaults are
 * documented in the classpath resource {@value #DEFAULTS_RESOURCE}.
 */
public record IngestConfig(
    KafkaSettings kafka,
    Topics topics,
    double sampleFps,
    int maxSide,
    int jpegQuality,
    EncoderKind encoder,
    int decoderThreads,
    int queueCapacity,
    Duration openTimeout,
    Duration readTimeout,
    Duration listenTimeout,
    Duration reconnectInitial,
    Duration reconnectMax,
    int reconnectMaxAttempts,
    Set<String> allowedSchemes,
    boolean fileEnabled,
    boolean allowPrivateAddresses,
    FilePacing filePacing,
    String httpBind,
    int httpPort,
    double httpRatePerSecond,
    int httpBurst,
    Path rosterFile,
    Duration rosterPoll) {

  public static final String DEFAULTS_RESOURCE = "ingest-defaults.properties";

  /** Above this a stream's own frame rate is the real limit; sampling faster only repeats frames. */
  public static final double MAX_SAMPLE_FPS = 60;
  /** One frame every ten seconds: slower and a rep would fall between two frames. */
  public static final double MIN_SAMPLE_FPS = 0.1;
  /** Smallest frame worth sending to pose estimation; MoveNet's input is 192 px. */
  public static final int MIN_MAX_SIDE = 64;
  public static final int MAX_MAX_SIDE = 4096;
  public static final int MAX_DECODER_THREADS = 64;
  public static final int MAX_QUEUE = 1_000_000;
  public static final int MAX_RECONNECT_ATTEMPTS = 1_000_000;
  /** The HTTP API is for an operator or a scheduler, a few requests a second at most. */
  public static final double DEFAULT_HTTP_RATE = 10;
  public static final int DEFAULT_HTTP_BURST = 20;
  private static final double MAX_HTTP_RATE = 100_000;
  private static final int MAX_HTTP_BURST = 1_000_000;
  /** Schemes FFmpeg can open that an ingest roster may name; anything else is refused. */
  public static final Set<String> KNOWN_SCHEMES =
      Set.of("rtsp", "rtsps", "rtmp", "rtmps", "http", "https", "udp", "tcp", "srt", "v4l2", "file");

  public enum EncoderKind { FFMPEG, IMAGEIO }

  /**
   * How a file is played: as if live, as fast as it decodes, or as if live and starting over at its end (a
   * camera that never stops, for demos and soak tests).
   */
  public enum FilePacing {
    REALTIME, FAST, LOOP;

    /** Whether frames are released at the pace of their timestamps. */
    public boolean live() {
      return this != FAST;
    }
  }

  public static IngestConfig load(Path file) {
    return from(Settings.load(DEFAULTS_RESOURCE, file, System.getenv()));
  }

  /** The built-in defaults with {@code overrides} on top, and no environment lookup (tests, embedded use). */
  public static IngestConfig withOverrides(Map<String, String> overrides) {
    Settings s = Settings.load(DEFAULTS_RESOURCE, null, Map.of());
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      s = s.with(e.getKey(), e.getValue());
    }
    return from(s);
  }

  public static IngestConfig from(Settings s) {
    Duration openTimeout = s.duration("ingest.open.timeout", Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMinutes(10));
    Duration reconnectInitial = s.duration("ingest.reconnect.initial", Duration.ofMillis(500), Duration.ofMillis(10), Duration.ofMinutes(10));
    Duration reconnectMax = s.duration("ingest.reconnect.max", Duration.ofSeconds(30), Duration.ofMillis(10), Duration.ofHours(1));
    if (reconnectMax.compareTo(reconnectInitial) < 0) {
      throw s.invalid("ingest.reconnect.max", s.string("ingest.reconnect.max", ""),
          "at least ingest.reconnect.initial (" + reconnectInitial + ")");
    }
    Set<String> schemes = new TreeSet<>();
    for (String scheme : s.list("ingest.url.schemes", List.of())) {
      String lower = scheme.toLowerCase(Locale.ROOT);
      if (!KNOWN_SCHEMES.contains(lower)) {
        throw s.invalid("ingest.url.schemes", s.string("ingest.url.schemes", ""),
            "a comma-separated list drawn from " + new TreeSet<>(KNOWN_SCHEMES) + " ('" + scheme + "' is not one)");
      }
      schemes.add(lower);
    }
    if (schemes.isEmpty()) {
      throw new InvalidConfigException("setting ingest.url.schemes is empty: no stream could ever be ingested");
    }
    String rosterFile = s.string("ingest.roster.file", "");
    return new IngestConfig(
        KafkaSettings.from(s),
        Topics.from(s),
        s.decimal("ingest.sample.fps", 10, MIN_SAMPLE_FPS, MAX_SAMPLE_FPS),
        s.integer("ingest.frame.max-side", 640, MIN_MAX_SIDE, MAX_MAX_SIDE),
        s.integer("ingest.jpeg.quality", 80, 1, 100),
        EncoderKind.valueOf(s.oneOf("ingest.jpeg.encoder", "ffmpeg", "ffmpeg", "imageio").toUpperCase(Locale.ROOT)),
        s.integer("ingest.decoder.threads", 1, 0, MAX_DECODER_THREADS),
        s.integer("ingest.queue.capacity", 512, 1, MAX_QUEUE),
        openTimeout,
        s.duration("ingest.read.timeout", Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMinutes(10)),
        s.duration("ingest.listen.timeout", Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofHours(24)),
        reconnectInitial,
        reconnectMax,
        s.integer("ingest.reconnect.max-attempts", 8, 1, MAX_RECONNECT_ATTEMPTS),
        Set.copyOf(schemes),
        s.bool("ingest.file.enabled", false),
        s.bool("ingest.url.allow-private-addresses", false),
        FilePacing.valueOf(s.oneOf("ingest.file.pacing", "realtime", "realtime", "fast", "loop").toUpperCase(Locale.ROOT)),
        s.string("ingest.http.bind", "127.0.0.1"),
        s.integer("ingest.http.port", 8081, 0, 65535),
        s.decimal("ingest.http.rate", DEFAULT_HTTP_RATE, 0.01, MAX_HTTP_RATE),
        s.integer("ingest.http.burst", DEFAULT_HTTP_BURST, 1, MAX_HTTP_BURST),
        rosterFile.isEmpty() ? null : Path.of(rosterFile),
        s.duration("ingest.roster.poll", Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofMinutes(10)));
  }
}
