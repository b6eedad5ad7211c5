package io.repstream.counter.topology;

import io.repstream.schemas.Prediction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/** Event time of a prediction is when its frame was captured, not when the classifier got round to it. */
public final class CaptureTimeExtractor implements TimestampExtractor {
  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    if (record.value() instanceof Prediction p && p.getCaptureTime().toEpochMilli() > 0) {
      return p.getCaptureTime().toEpochMilli();
    }
    return record.timestamp() >= 0 ? record.timestamp() : partitionTime;
  }
}
