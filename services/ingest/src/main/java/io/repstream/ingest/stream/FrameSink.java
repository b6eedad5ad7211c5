package io.repstream.ingest.stream;

import io.repstream.schemas.Frame;

/** Where a stream's sampled frames go: the Kafka publisher in the service, a byte counter in the benchmark. */
@FunctionalInterface
public interface FrameSink {
  void accept(Frame frame, StreamMetrics metrics);
}
