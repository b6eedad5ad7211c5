package io.repstream.ingest.publish;

import io.repstream.ingest.stream.FrameSink;
import io.repstream.ingest.stream.StreamMetrics;
import io.repstream.schemas.Frame;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes sampled frames to the frames topic keyed by participant. Stream threads never wait on Kafka:
 * they drop frames into a {@link DropOldestQueue} and one publisher thread drains it in order, so one
 * participant's frames reach Kafka in the order sampled. When Kafka is slower than the cameras the queue
 * fills and the oldest frames are dropped and counted.
 */
public final class FramePublisher implements FrameSink, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FramePublisher.class);
  private static final long POLL_MILLIS = 100;
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
  /** Repeating the same Kafka error for every frame of every stream would bury everything else in the log. */
  private static final long ERROR_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

  private record Outgoing(Frame frame, StreamMetrics metrics) {}

  private final Producer<String, Frame> producer;
  private final String topic;
  private final DropOldestQueue<Outgoing> queue;
  private final Thread thread;
  private final AtomicLong lastErrorLog = new AtomicLong(System.nanoTime() - ERROR_LOG_INTERVAL_NANOS);
  private volatile boolean running = true;

  public FramePublisher(Producer<String, Frame> producer, String topic, int capacity) {
    this.producer = producer;
    this.topic = topic;
    this.queue = new DropOldestQueue<>(capacity);
    this.thread = new Thread(this::drain, "ingest-publisher");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void accept(Frame frame, StreamMetrics metrics) {
    Outgoing evicted = queue.offer(new Outgoing(frame, metrics));
    if (evicted != null) {
      evicted.metrics().dropped(evicted.frame().getParticipantId());
    }
  }

  public int queued() {
    return queue.size();
  }

  public int capacity() {
    return queue.capacity();
  }

  private void drain() {
    while (running || queue.size() > 0) {
      Outgoing o;
      try {
        o = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (o != null) {
        send(o);
      }
    }
  }

  private void send(Outgoing o) {
    String participant = o.frame().getParticipantId();
    try {
      producer.send(new ProducerRecord<>(topic, participant, o.frame()), (meta, error) -> {
        if (error == null) {
          o.metrics().published(participant);
        } else {
          o.metrics().failed(participant);
          logError(error);
        }
      });
    } catch (RuntimeException e) {
      // Kafka unreachable past max.block.ms, or a frame over the size limit: this frame is lost, not the stream.
      o.metrics().failed(participant);
      logError(e);
    }
  }

  private void logError(Exception e) {
    long now = System.nanoTime();
    long last = lastErrorLog.get();
    if (now - last >= ERROR_LOG_INTERVAL_NANOS && lastErrorLog.compareAndSet(last, now)) {
      LOG.error("Cannot publish frames to {}: {} (repeats are counted in ingest.frames.dropped{{reason=publish-error}})",
          topic, e.toString());
    }
  }

  /** Sends what is queued, then closes the producer. */
  @Override
  public void close() {
    running = false;
    try {
      thread.join(CLOSE_TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(CLOSE_TIMEOUT);
  }
}
