package io.repstream.dashboard;

import io.repstream.common.config.InvalidConfigException;
import io.repstream.common.config.KafkaSettings;
import io.repstream.common.config.Settings;
import io.repstream.common.kafka.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Everything {@code repstream dashboard} is configured with, validated at start. */
public record DashboardConfig(
    KafkaSettings kafka,
    Topics topics,
    String httpHost,
    int httpPort,
    int metricsPort,
    Map<String, String> tokensByClass,
    boolean thumbnails,
    Duration staleAfter,
    Duration heartbeat,
    Duration poseInterval,
    int repEventsKept,
    double apiRatePerSecond,
    int apiBurst,
    Optional<Oidc> oidc) {

  /**
   * Sign-in through an OpenID Connect provider, as an alternative to class tokens.
   *
   * @param jwksFile the provider's JSON Web Key Set, saved to a file (nothing is fetched at run time)
   * @param classesClaim the claim listing the class ids a trainer may open
   */
  public record Oidc(Path jwksFile, String issuer, String audience, String classesClaim) {}

  public static final String DEFAULTS = "dashboard-defaults.properties";
  /** Shorter tokens can be guessed; refuse them rather than protect a class with one. */
  static final int MIN_TOKEN_LENGTH = 16;
  private static final int MAX_PORT = 65_535;
  private static final String TOKENS = "dashboard.tokens";
  private static final String OIDC_JWKS = "dashboard.oidc.jwks.file";
  /**
   * A page refreshes each student's thumbnail once a second, so a 50-student class alone asks about 50 times
   * a second; the default leaves room for twice that from one address.
   */
  static final double DEFAULT_API_RATE = 100;
  static final int DEFAULT_API_BURST = 200;
  private static final double MAX_API_RATE = 100_000;
  private static final int MAX_API_BURST = 1_000_000;

  public static DashboardConfig from(Settings s) {
    Duration heartbeat = s.duration("dashboard.heartbeat", Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofMinutes(1));
    Duration stale = s.duration("dashboard.stale.after", Duration.ofSeconds(5), Duration.ofMillis(200), Duration.ofMinutes(10));
    if (stale.compareTo(heartbeat) <= 0) {
      throw s.invalid("dashboard.stale.after", s.string("dashboard.stale.after", ""),
          "longer than dashboard.heartbeat (" + heartbeat + "), or every page would look stale");
    }
    Optional<Oidc> oidc = oidc(s);
    return new DashboardConfig(
        KafkaSettings.from(s),
        Topics.from(s),
        s.string("dashboard.http.host", "0.0.0.0"),
        s.integer("dashboard.http.port", 8080, 0, MAX_PORT),
        s.integer("dashboard.metrics.port", 0, 0, MAX_PORT),
        tokens(s, oidc.isPresent()),
        s.bool("dashboard.thumbnails", true),
        stale,
        heartbeat,
        s.duration("dashboard.pose.interval", Duration.ofMillis(500), Duration.ofMillis(50), Duration.ofMinutes(1)),
        s.integer("dashboard.rep.events.kept", 500, 1, 1_000_000),
        s.decimal("dashboard.api.rate", DEFAULT_API_RATE, 0.01, MAX_API_RATE),
        s.integer("dashboard.api.burst", DEFAULT_API_BURST, 1, MAX_API_BURST),
        oidc);
  }

  private static Optional<Oidc> oidc(Settings s) {
    String jwks = s.string(OIDC_JWKS, "");
    if (jwks.isBlank()) {
      return Optional.empty();
    }
    if (!Files.isRegularFile(Path.of(jwks))) {
      throw s.invalid(OIDC_JWKS, jwks, "a file holding the OIDC provider's JSON Web Key Set");
    }
    String issuer = s.string("dashboard.oidc.issuer", "");
    String audience = s.string("dashboard.oidc.audience", "");
    if (issuer.isBlank() || audience.isBlank()) {
      throw new InvalidConfigException("settings dashboard.oidc.issuer and dashboard.oidc.audience are required with "
          + OIDC_JWKS + ": without them a token issued for another application would be accepted");
    }
    return Optional.of(new Oidc(Path.of(jwks), issuer, audience, s.string("dashboard.oidc.classes.claim", "repstream_classes")));
  }

  private static Map<String, String> tokens(Settings s, boolean oidc) {
    Map<String, String> byClass = new LinkedHashMap<>();
    for (String pair : s.list(TOKENS, java.util.List.of())) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new InvalidConfigException("invalid setting " + TOKENS + " (from " + s.origin(TOKENS)
            + "): expected classId=token pairs separated by commas, got an entry without '='");
      }
      String classId = pair.substring(0, eq).trim();
      String token = pair.substring(eq + 1).trim();
      if (token.length() < MIN_TOKEN_LENGTH) {
        throw new InvalidConfigException("invalid setting " + TOKENS + " (from " + s.origin(TOKENS) + "): the token of class "
            + classId + " has " + token.length() + " characters; at least " + MIN_TOKEN_LENGTH + " are required");
      }
      if (byClass.containsValue(token)) {
        throw new InvalidConfigException("invalid setting " + TOKENS + " (from " + s.origin(TOKENS)
            + "): two classes share a token, so each would see the other's students");
      }
      if (byClass.put(classId, token) != null) {
        throw new InvalidConfigException("invalid setting " + TOKENS + " (from " + s.origin(TOKENS) + "): class " + classId
            + " is listed twice");
      }
    }
    if (byClass.isEmpty() && !oidc) {
      throw new InvalidConfigException("missing setting " + TOKENS + ": no class has a token, so nobody could open the"
          + " dashboard (set " + Settings.envName(TOKENS) + "=classId=token,... or configure " + OIDC_JWKS + ")");
    }
    return Collections.unmodifiableMap(byClass);
  }

  @Override
  public String toString() {
    return "DashboardConfig{http=" + httpHost + ":" + httpPort + ", classes=" + tokensByClass.keySet()
        + ", oidc=" + oidc.map(Oidc::issuer).orElse("off") + ", thumbnails=" + thumbnails + ", kafka=" + kafka + "}";
  }
}
