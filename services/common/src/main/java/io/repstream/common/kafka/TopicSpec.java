package io.repstream.common.kafka;

import java.util.Map;

/** A topic as it should exist on the cluster. */
public record TopicSpec(Topic topic, String name, int partitions, short replicationFactor, Map<String, String> configs) {}
