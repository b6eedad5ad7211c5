package io.repstream.common.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Raw configuration of one service: properties (from defaults on the classpath, then a file) overridden by
 * environment variables. Each service reads its typed config from this once at start; every getter
 * validates and reports a bad value with its key, its value and its origin.
 *
 * <p>A key {@code kafka.bootstrap.servers} is overridden by the variable {@code REPSTREAM_KAFKA_BOOTSTRAP_SERVERS}:
 * the prefix, then the key upper-cased with dots and dashes turned into underscores.
 */
public final class Settings {
  public static final String ENV_PREFIX = "REPSTREAM_";

  private final Map<String, String> values;
  private final Map<String, String> origins;
  /**
   * The environment, for keys that no defaults file or config file names: {@code REPSTREAM_TOPICS_PARTITIONS}
   * must set {@code topics.partitions} although no service lists it in its defaults. Looked up by key, since a
   * variable name alone cannot tell whether its underscores were dots or dashes.
   */
  private final Map<String, String> environment;

  private Settings(Map<String, String> values, Map<String, String> origins, Map<String, String> environment) {
    this.values = values;
    this.origins = origins;
    this.environment = environment;
  }

  /** Settings from a properties map alone (tests, embedded use); no environment lookup. */
  public static Settings of(Map<String, String> properties) {
    Map<String, String> origins = new LinkedHashMap<>();
    properties.keySet().forEach(k -> origins.put(k, "given properties"));
    return new Settings(new TreeMap<>(properties), origins, Map.of());
  }

  /**
   * Loads, in increasing priority: the classpath resource {@code defaultsResource} (if not null), the file
   * {@code file} (if not null; it must exist), then environment variables.
   */
  public static Settings load(String defaultsResource, Path file, Map<String, String> environment) {
    Map<String, String> values = new TreeMap<>();
    Map<String, String> origins = new LinkedHashMap<>();
    if (defaultsResource != null) {
      try (InputStream in = Settings.class.getClassLoader().getResourceAsStream(defaultsResource)) {
        if (in == null) {
          throw new InvalidConfigException("built-in defaults " + defaultsResource + " are missing from the classpath");
        }
        putAll(read(new java.io.InputStreamReader(in, StandardCharsets.UTF_8)), values, origins, "defaults " + defaultsResource);
      } catch (IOException e) {
        throw new InvalidConfigException("cannot read built-in defaults " + defaultsResource + ": " + e.getMessage());
      }
    }
    if (file != null) {
      if (!Files.isRegularFile(file)) {
        throw new InvalidConfigException("config file " + file.toAbsolutePath() + " does not exist or is not a file");
      }
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        putAll(read(in), values, origins, "file " + file);
      } catch (IOException e) {
        throw new InvalidConfigException("cannot read config file " + file + ": " + e.getMessage());
      }
    }
    Map<String, String> envByKey = new TreeMap<>();
    for (String key : values.keySet()) {
      String env = environment.get(envName(key));
      if (env != null) {
        envByKey.put(key, env);
        origins.put(key, "environment " + envName(key));
      }
    }
    values.putAll(envByKey);
    // Kafka client properties need not be listed in any file: REPSTREAM_KAFKA_SSL_TRUSTSTORE_LOCATION sets
    // kafka.ssl.truststore.location even when no default names it.
    environment.forEach((name, value) -> {
      if (name.startsWith(ENV_PREFIX + "KAFKA_")) {
        String key = name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
        if (!values.containsKey(key)) {
          values.put(key, value);
          origins.put(key, "environment " + name);
        }
      }
    });
    return new Settings(values, origins, Map.copyOf(environment));
  }

  public static String envName(String key) {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  private static Properties read(Reader in) throws IOException {
    Properties p = new Properties();
    p.load(in);
    return p;
  }

  private static void putAll(Properties p, Map<String, String> values, Map<String, String> origins, String origin) {
    for (String name : p.stringPropertyNames()) {
      values.put(name, p.getProperty(name).trim());
      origins.put(name, origin);
    }
  }

  /** A copy with {@code key} set, for command-line flags that override everything else. */
  public Settings with(String key, String value) {
    Map<String, String> v = new TreeMap<>(values);
    Map<String, String> o = new LinkedHashMap<>(origins);
    v.put(key, value);
    o.put(key, "command line");
    return new Settings(v, o, environment);
  }

  /** The value of {@code key}: from the loaded values, else from its environment variable. */
  private String raw(String key) {
    String v = values.get(key);
    return v != null ? v : environment.get(envName(key));
  }

  public boolean has(String key) {
    String v = raw(key);
    return v != null && !v.isEmpty();
  }

  public String string(String key) {
    String v = raw(key);
    if (v == null || v.isEmpty()) {
      throw new InvalidConfigException(
          "missing required setting " + key + " (set it in the config file or as environment variable " + envName(key) + ")");
    }
    return v;
  }

  public String string(String key, String fallback) {
    return has(key) ? raw(key).trim() : fallback;
  }

  public String oneOf(String key, String fallback, String... allowed) {
    String v = string(key, fallback);
    if (!Arrays.asList(allowed).contains(v)) {
      throw invalid(key, v, "one of " + String.join(", ", allowed));
    }
    return v;
  }

  public int integer(String key, int fallback, int min, int max) {
    if (!has(key)) {
      return fallback;
    }
    String v = raw(key).trim();
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        throw invalid(key, v, "a whole number from " + min + " to " + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw invalid(key, v, "a whole number from " + min + " to " + max);
    }
  }

  public double decimal(String key, double fallback, double min, double max) {
    if (!has(key)) {
      return fallback;
    }
    String v = raw(key).trim();
    try {
      double d = Double.parseDouble(v);
      if (!(d >= min && d <= max)) {
        throw invalid(key, v, "a number from " + min + " to " + max);
      }
      return d;
    } catch (NumberFormatException e) {
      throw invalid(key, v, "a number from " + min + " to " + max);
    }
  }

  public boolean bool(String key, boolean fallback) {
    if (!has(key)) {
      return fallback;
    }
    String v = raw(key).trim().toLowerCase(Locale.ROOT);
    if (v.equals("true") || v.equals("false")) {
      return Boolean.parseBoolean(v);
    }
    throw invalid(key, raw(key), "true or false");
  }

  /** A duration as ISO-8601 ({@code PT5S}) or a number with a unit: {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}. */
  public Duration duration(String key, Duration fallback, Duration min, Duration max) {
    if (!has(key)) {
      return fallback;
    }
    String v = raw(key).trim();
    Duration d = parseDuration(v);
    if (d == null || d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      throw invalid(key, v, "a duration from " + min + " to " + max + " such as 500ms, 5s, 2m or PT5S");
    }
    return d;
  }

  static Duration parseDuration(String v) {
    String s = v.trim().toLowerCase(Locale.ROOT);
    try {
      if (s.startsWith("pt") || s.startsWith("p")) {
        return Duration.parse(v.trim().toUpperCase(Locale.ROOT));
      }
      if (s.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2).trim()));
      }
      long n = Long.parseLong(s.substring(0, s.length() - 1).trim());
      switch (s.charAt(s.length() - 1)) {
        case 's': return Duration.ofSeconds(n);
        case 'm': return Duration.ofMinutes(n);
        case 'h': return Duration.ofHours(n);
        default: return null;
      }
    } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
      return null;
    }
  }

  public List<String> list(String key, List<String> fallback) {
    if (!has(key)) {
      return fallback;
    }
    return Arrays.stream(raw(key).split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toList());
  }

  /** Every setting under {@code prefix}, with the prefix removed: {@code kafka.} gives the Kafka client properties. */
  public Map<String, String> withPrefix(String prefix) {
    Map<String, String> out = new TreeMap<>();
    values.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        out.put(k.substring(prefix.length()), v);
      }
    });
    return Collections.unmodifiableMap(out);
  }

  public String origin(String key) {
    if (!origins.containsKey(key) && environment.containsKey(envName(key))) {
      return "environment " + envName(key);
    }
    return origins.getOrDefault(key, "default");
  }

  public InvalidConfigException invalid(String key, String value, String expected) {
    String shown = isSecret(key) ? "****" : value;
    return new InvalidConfigException(
        "invalid setting " + key + " = '" + shown + "' (from " + origin(key) + "): expected " + expected);
  }

  /** Passwords and JAAS lines never appear in messages or logs. */
  public static boolean isSecret(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return k.contains("password") || k.contains("jaas") || k.contains("secret") || k.contains("token");
  }
}
