package io.repstream.counter;

import io.repstream.common.config.InvalidConfigException;
import io.repstream.common.config.KafkaSettings;
import io.repstream.common.config.Settings;
import io.repstream.common.kafka.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Everything the counter reads from its configuration, validated once at start. Defaults live in the classpath
 * resource {@value #DEFAULTS}; a value out of range fails with the key, the value and where it came from.
 */
public record CounterConfig(
    KafkaSettings kafka,
    Topics topics,
    String applicationId,
    Path stateDir,
    int streamThreads,
    Duration commitInterval,
    String processingGuarantee,
    CountingParameters counting,
    Duration streamDownAfter,
    Duration punctuateInterval,
    Duration participantRetention,
    String httpHost,
    int httpPort,
    int metricsPort) {

  public static final String DEFAULTS = "counter-defaults.properties";
  private static final String P = "counter.";
  private static final int MAX_THREADS = 64;
  private static final int MAX_VOTE_FRAMES = 1_000;
  private static final int MAX_REORDER_RECORDS = 100_000;
  private static final int MAX_PORT = 65_535;
  private static final Duration ZERO = Duration.ZERO;
  private static final Duration MILLI = Duration.ofMillis(1);
  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final Duration MAX_GRACE = Duration.ofSeconds(30);
  private static final Duration MAX_WINDOW = Duration.ofMinutes(5);
  private static final int DAYS_IN_YEAR = 365;
  private static final double MAX_RANGE_TRIM = 0.5;
  /** Beyond this many times the usual distance from the median pose nothing would ever be a glitch. */
  private static final double MAX_GLITCH_FACTOR = 1000;

  /** Defaults, then {@code file} (may be null), then environment variables. */
  public static CounterConfig load(Path file, Map<String, String> environment) {
    return from(Settings.load(DEFAULTS, file, environment));
  }

  /** Defaults overridden by the given properties alone: for tests and embedded use. */
  public static CounterConfig withOverrides(Map<String, String> overrides) {
    Settings s = Settings.load(DEFAULTS, null, Map.of());
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      s = s.with(e.getKey(), e.getValue());
    }
    return from(s);
  }

  public static CounterConfig from(Settings s) {
    CountingParameters counting = new CountingParameters(
        duration(s, "reorder.grace", ZERO, MAX_GRACE),
        integer(s, "reorder.max.records", 1, MAX_REORDER_RECORDS),
        integer(s, "exercise.vote.frames", 1, MAX_VOTE_FRAMES),
        fraction(s, "exercise.switch.share"),
        fraction(s, "exercise.min.confidence"),
        fraction(s, "phase.enter"),
        fraction(s, "phase.exit"),
        fraction(s, "presence.min.pose.score"),
        duration(s, "presence.not.visible.after", ZERO, HOUR),
        duration(s, "presence.idle.after", MILLI, HOUR),
        fraction(s, "presence.movement.threshold"),
        duration(s, "max.frame.gap", MILLI, MINUTE),
        duration(s, "set.rest", MILLI, HOUR),
        duration(s, "rate.window", Duration.ofSeconds(1), HOUR),
        duration(s, "periodic.window", Duration.ofMillis(500), MAX_WINDOW),
        fraction(s, "periodic.min.amplitude"),
        fraction(s, "periodic.hysteresis"),
        rangeTrim(s),
        positive(s, "periodic.glitch.factor", MAX_GLITCH_FACTOR),
        fraction(s, "periodic.min.keypoint.score"),
        duration(s, "periodic.min.cycle", MILLI, MINUTE),
        duration(s, "periodic.max.cycle", MILLI, MINUTE),
        repSource(s));
    if (counting.phaseExit() >= counting.phaseEnter()) {
      throw s.invalid(P + "phase.exit", Double.toString(counting.phaseExit()),
          "a probability below counter.phase.enter (" + counting.phaseEnter() + "), or the hysteresis has no band");
    }
    if (counting.exerciseSwitchShare() <= 0.5) {
      throw s.invalid(P + "exercise.switch.share", Double.toString(counting.exerciseSwitchShare()),
          "a share above 0.5, so two labels can never both win the vote");
    }
    if (counting.periodicMinCycle().compareTo(counting.periodicMaxCycle()) >= 0) {
      throw s.invalid(P + "periodic.min.cycle", counting.periodicMinCycle().toString(),
          "a duration below counter.periodic.max.cycle (" + counting.periodicMaxCycle() + ")");
    }
    if (counting.periodicMaxCycle().compareTo(counting.periodicWindow()) > 0) {
      throw s.invalid(P + "periodic.window", counting.periodicWindow().toString(),
          "at least counter.periodic.max.cycle (" + counting.periodicMaxCycle() + "), so a whole cycle fits in the window");
    }
    String appId = s.string(P + "application.id");
    if (!appId.matches("[A-Za-z0-9._-]+")) {
      throw s.invalid(P + "application.id", appId, "letters, digits, '.', '_' or '-' only (it prefixes topic names)");
    }
    Duration punctuate = duration(s, "punctuate.interval", Duration.ofMillis(10), MINUTE);
    Duration streamDown = duration(s, "stream.down.after", MILLI, HOUR);
    if (streamDown.compareTo(punctuate) < 0) {
      throw s.invalid(P + "stream.down.after", streamDown.toString(),
          "at least counter.punctuate.interval (" + punctuate + "), the period it is checked at");
    }
    Duration retention = duration(s, "participant.retention", Duration.ofMinutes(1), Duration.ofDays(DAYS_IN_YEAR));
    if (retention.compareTo(streamDown) <= 0) {
      throw s.invalid(P + "participant.retention", retention.toString(),
          "longer than counter.stream.down.after (" + streamDown + "), or streams would be forgotten before they are down");
    }
    return new CounterConfig(
        KafkaSettings.from(s),
        Topics.from(s),
        appId,
        Path.of(s.string(P + "state.dir").replace("${java.io.tmpdir}", System.getProperty("java.io.tmpdir"))),
        integer(s, "stream.threads", 1, MAX_THREADS),
        duration(s, "commit.interval", MILLI, MINUTE),
        guarantee(s),
        counting,
        streamDown,
        punctuate,
        retention,
        s.string(P + "http.host"),
        integer(s, "http.port", 0, MAX_PORT),
        integer(s, "metrics.port", 0, MAX_PORT));
  }

  private static void require(Settings s, String key) {
    if (!s.has(key)) {
      throw new InvalidConfigException("missing required setting " + key + " (it has no built-in default in "
          + DEFAULTS + "; set it in the config file or as " + Settings.envName(key) + ")");
    }
  }

  private static String guarantee(Settings s) {
    require(s, P + "processing.guarantee");
    return s.oneOf(P + "processing.guarantee", null, StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE);
  }

  private static Duration duration(Settings s, String name, Duration min, Duration max) {
    require(s, P + name);
    return s.duration(P + name, null, min, max);
  }

  private static int integer(Settings s, String name, int min, int max) {
    require(s, P + name);
    return s.integer(P + name, 0, min, max);
  }

  /** Below a half: trimming half of the samples from each end would leave no range at all. */
  private static double rangeTrim(Settings s) {
    String key = P + "periodic.range.trim";
    require(s, key);
    double v = s.decimal(key, 0, 0, 1);
    if (v >= MAX_RANGE_TRIM) {
      throw s.invalid(key, Double.toString(v), "a share from 0 to below " + MAX_RANGE_TRIM);
    }
    return v;
  }

  private static RepSource repSource(Settings s) {
    require(s, P + "reps.from");
    return RepSource.valueOf(s.oneOf(P + "reps.from", null, "phases", "motion").toUpperCase(java.util.Locale.ROOT));
  }

  private static double positive(Settings s, String name, double max) {
    require(s, P + name);
    return s.decimal(P + name, 0, Double.MIN_VALUE, max);
  }

  private static double fraction(Settings s, String name) {
    require(s, P + name);
    return s.decimal(P + name, 0, 0, 1);
  }
}
