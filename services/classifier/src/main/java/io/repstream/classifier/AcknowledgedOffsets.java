package io.repstream.classifier;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.common.TopicPartition;

/**
 * The frame offsets a worker may commit: those of batches whose every prediction and dead letter Kafka has
 * acknowledged, taken in the order the batches were read, so a later batch acknowledged first never commits past an
 * earlier one still in flight. Lets the worker go on to its next batch while Kafka acknowledges the last one,
 * instead of waiting for a flush and a synchronous commit after every batch. Producer callbacks arrive on the
 * producer's I/O thread, the worker takes offsets on its own.
 */
final class AcknowledgedOffsets {
  private final Deque<Batch> inFlight = new ArrayDeque<>();
  private RuntimeException failure;

  private static final class Batch {
    final Map<TopicPartition, OffsetAndMetadata> offsets;
    int unacknowledged;

    Batch(Map<TopicPartition, OffsetAndMetadata> offsets, int records) {
      this.offsets = offsets;
      this.unacknowledged = records;
    }
  }

  /** Starts tracking a batch that publishes {@code records} records; the callback goes with each of its sends. */
  synchronized Callback track(Map<TopicPartition, OffsetAndMetadata> offsets, int records) {
    Batch batch = new Batch(offsets, records);
    inFlight.addLast(batch);
    return (metadata, e) -> acknowledged(batch, e);
  }

  private synchronized void acknowledged(Batch batch, Exception e) {
    if (e != null && failure == null) {
      failure = new IllegalStateException("Kafka did not acknowledge a prediction or dead letter, so its frames stay"
          + " uncommitted for the next owner of their partition: " + e.getMessage(), e);
    }
    batch.unacknowledged--;
  }

  /**
   * The offsets to commit for the leading batches that are fully acknowledged, which stop being tracked; empty while
   * the oldest batch waits. Throws once any send has failed: committing past it would lose its frames.
   */
  synchronized Map<TopicPartition, OffsetAndMetadata> takeCommittable() {
    if (failure != null) {
      throw failure;
    }
    Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
    while (!inFlight.isEmpty() && inFlight.peekFirst().unacknowledged <= 0) {
      inFlight.removeFirst().offsets.forEach((tp, o) -> next.merge(tp, o, (a, b) -> a.offset() >= b.offset() ? a : b));
    }
    return next;
  }

  /** Batches sent but not yet committable. */
  synchronized int inFlight() {
    return inFlight.size();
  }

  /** Stops tracking everything, for partitions lost to another worker: their offsets can no longer be committed. */
  synchronized void clear() {
    inFlight.clear();
  }
}
