package io.repstream.eval.bench;

import io.repstream.common.config.KafkaSettings;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** Records a consumer group has yet to read on one topic: the log end minus the group's committed offsets. */
final class ConsumerLag implements AutoCloseable {
  private final Admin admin;

  ConsumerLag(String bootstrap) {
    this.admin = Admin.create(KafkaSettings.bootstrap(bootstrap).clientProperties());
  }

  long of(String group, String topic) throws ExecutionException, InterruptedException {
    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
        .partitionsToOffsetAndMetadata().get();
    var partitions = admin.describeTopics(java.util.List.of(topic)).allTopicNames().get().get(topic).partitions();
    Map<TopicPartition, OffsetSpec> request = partitions.stream()
        .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
    Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(request).all().get();
    long lag = 0;
    for (Map.Entry<TopicPartition, ListOffsetsResultInfo> e : ends.entrySet()) {
      OffsetAndMetadata c = committed.get(e.getKey());
      lag += e.getValue().offset() - (c == null ? 0 : c.offset());
    }
    return lag;
  }

  @Override
  public void close() {
    admin.close();
  }
}
