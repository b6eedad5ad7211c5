package io.repstream.common.kafka;

import java.time.Duration;
import java.util.Map;

/**
 * Every topic RepStream uses. All records are keyed by participant id, so one participant's records stay in
 * one partition and in order; partitions are therefore the unit of scaling for classifier workers and
 * counter instances.
 */
public enum Topic {
  /** Sampled JPEG frames from ingest. Large and only useful while live, so kept briefly. */
  FRAMES("frames", Map.of("retention.ms", millis(Duration.ofHours(1)), "max.message.bytes", "4194304")),
  /** Pose, exercise and phase per frame from the classifier. */
  PREDICTIONS("predictions", Map.of("retention.ms", millis(Duration.ofDays(1)))),
  /** One record per recognised repetition from the counter. */
  REP_EVENTS("rep-events", Map.of("retention.ms", millis(Duration.ofDays(30)))),
  /** Latest status per participant: compacted, so a reader rebuilds the current picture from the topic alone. */
  PARTICIPANT_STATUS("participant-status", Map.of("cleanup.policy", "compact")),
  /** Trainers' commands (new set, reset counts) from the dashboard, keyed by class. */
  CLASS_CONTROL("class-control", Map.of("retention.ms", millis(Duration.ofDays(30)))),
  /** Records any service could not process, with the reason in headers (see {@link DeadLetters}). */
  DEAD_LETTERS("dead-letters", Map.of("retention.ms", millis(Duration.ofDays(7)), "max.message.bytes", "4194304"));

  private final String suffix;
  private final Map<String, String> configs;

  Topic(String suffix, Map<String, String> configs) {
    this.suffix = suffix;
    this.configs = configs;
  }

  /** The part of the topic name after the configured prefix, and the key of its settings ({@code topics.frames.partitions}). */
  public String suffix() {
    return suffix;
  }

  /** Topic-level configs applied when RepStream creates the topic. */
  public Map<String, String> configs() {
    return configs;
  }

  private static String millis(Duration d) {
    return Long.toString(d.toMillis());
  }
}
