package io.repstream.common.kafka;

import io.repstream.common.config.Settings;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

/**
 * Names and sizes of RepStream's topics, from config:
 * {@code topics.prefix} (default {@code repstream.}), {@code topics.partitions} and
 * {@code topics.replication.factor} for all, and {@code topics.<suffix>.partitions} per topic.
 */
public final class Topics {
  public static final String DEFAULT_PREFIX = "repstream.";
  /** Enough partitions for a dozen classifier workers or counter instances before a topic must be resized. */
  public static final int DEFAULT_PARTITIONS = 12;
  public static final int MAX_PARTITIONS = 10_000;
  private static final short MAX_REPLICATION = 7;

  private final Map<Topic, TopicSpec> specs;

  private Topics(Map<Topic, TopicSpec> specs) {
    this.specs = specs;
  }

  public static Topics from(Settings settings) {
    String prefix = settings.string("topics.prefix", DEFAULT_PREFIX);
    if (!prefix.matches("[A-Za-z0-9._-]*")) {
      throw settings.invalid("topics.prefix", prefix, "letters, digits, '.', '_' or '-' only (Kafka's topic name rules)");
    }
    int partitions = settings.integer("topics.partitions", DEFAULT_PARTITIONS, 1, MAX_PARTITIONS);
    short replication = (short) settings.integer("topics.replication.factor", 1, 1, MAX_REPLICATION);
    Map<Topic, TopicSpec> specs = new EnumMap<>(Topic.class);
    for (Topic t : Topic.values()) {
      int n = settings.integer("topics." + t.suffix() + ".partitions", partitions, 1, MAX_PARTITIONS);
      specs.put(t, new TopicSpec(t, prefix + t.suffix(), n, replication, t.configs()));
    }
    return new Topics(specs);
  }

  public static Topics defaults() {
    return from(Settings.of(Map.of()));
  }

  public String name(Topic topic) {
    return specs.get(topic).name();
  }

  public TopicSpec spec(Topic topic) {
    return specs.get(topic);
  }

  public Collection<TopicSpec> all() {
    return specs.values();
  }
}
