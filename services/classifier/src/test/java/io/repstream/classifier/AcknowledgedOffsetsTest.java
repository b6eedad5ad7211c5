package io.repstream.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/** Which frame offsets a worker may commit while predictions are still on their way to Kafka. */
class AcknowledgedOffsetsTest {
  private static final TopicPartition P0 = new TopicPartition("frames", 0);
  private static final TopicPartition P1 = new TopicPartition("frames", 1);

  private final AcknowledgedOffsets offsets = new AcknowledgedOffsets();

  @Test
  void aBatchBecomesCommittableOnlyWhenEveryRecordIsAcknowledged() {
    Callback ack = offsets.track(Map.of(P0, new OffsetAndMetadata(10), P1, new OffsetAndMetadata(4)), 2);
    ack.onCompletion(null, null);
    assertThat(offsets.takeCommittable()).isEmpty();
    ack.onCompletion(null, null);
    assertThat(offsets.takeCommittable()).containsOnly(Map.entry(P0, new OffsetAndMetadata(10)),
        Map.entry(P1, new OffsetAndMetadata(4)));
    assertThat(offsets.takeCommittable()).isEmpty();
    assertThat(offsets.inFlight()).isZero();
  }

  @Test
  void aLaterBatchAcknowledgedFirstWaitsForTheEarlierOneOfTheSamePartition() {
    Callback first = offsets.track(Map.of(P0, new OffsetAndMetadata(10)), 1);
    Callback second = offsets.track(Map.of(P0, new OffsetAndMetadata(20)), 1);
    second.onCompletion(null, null);
    // Committing 20 now would lose the first batch's frames if the worker died before Kafka acknowledged them.
    assertThat(offsets.takeCommittable()).isEmpty();
    first.onCompletion(null, null);
    assertThat(offsets.takeCommittable()).containsOnly(Map.entry(P0, new OffsetAndMetadata(20)));
  }

  @Test
  void aFailedSendStopsAllCommitsWithTheReason() {
    Callback ack = offsets.track(Map.of(P0, new OffsetAndMetadata(10)), 1);
    ack.onCompletion(null, new TimeoutException("Expiring 1 record(s)"));
    assertThatThrownBy(offsets::takeCommittable).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("did not acknowledge").hasMessageContaining("Expiring 1 record(s)");
  }

  @Test
  void lostPartitionsForgetWhatWasInFlight() {
    offsets.track(Map.of(P0, new OffsetAndMetadata(10)), 1);
    offsets.clear();
    assertThat(offsets.inFlight()).isZero();
    assertThat(offsets.takeCommittable()).isEmpty();
  }
}
