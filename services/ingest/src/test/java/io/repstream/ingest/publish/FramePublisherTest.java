package io.repstream.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.repstream.common.config.KafkaSettings;
import io.repstream.common.kafka.AvroSerde;
import io.repstream.ingest.FfmpegProcess;
import io.repstream.ingest.config.IngestConfig;
import io.repstream.ingest.roster.RosterEntry;
import io.repstream.ingest.roster.RosterValidator;
import io.repstream.ingest.roster.StreamSpec;
import io.repstream.ingest.stream.StreamMetrics;
import io.repstream.schemas.Frame;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class FramePublisherTest {
  private static final int CAPACITY = 4;
  private static final int OFFERED = 50;

  /**
   * Kafka unreachable: a real producer blocks on metadata, the publisher thread with it, so the queue fills
   * and every further frame evicts the oldest, counted per participant; the stream side never waits.
   */
  @Test
  void whenKafkaCannotTakeFramesTheOldestAreDroppedAndCounted() throws Exception {
    IngestConfig config = IngestConfig.withOverrides(Map.of());
    StreamSpec spec = new RosterValidator(config).validate(new RosterEntry("cam", "c", "rtsp://203.0.113.9/s", "pat", null, null, null, null, null));
    StreamMetrics metrics = new StreamMetrics(new SimpleMeterRegistry(), spec);
    Properties p = KafkaSettings.bootstrap("127.0.0.1:" + FfmpegProcess.freeTcpPort()).clientProperties();
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "300");
    KafkaProducer<String, Frame> producer = new KafkaProducer<>(p, new StringSerializer(), AvroSerde.frame());
    FramePublisher publisher = new FramePublisher(producer, "frames", CAPACITY);

    publisher.accept(frame(0), metrics);
    // Once the publisher has taken the first frame it sits in send(), waiting for a broker that is not there.
    long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
    while (publisher.queued() > 0 && System.nanoTime() < until) {
      Thread.sleep(1);
    }
    long t0 = System.nanoTime();
    for (int i = 1; i < OFFERED; i++) {
      publisher.accept(frame(i), metrics);
    }
    long offerMillis = (System.nanoTime() - t0) / 1_000_000;
    assertThat(offerMillis).as("offering never waits on Kafka").isLessThan(250);
    assertThat(publisher.queued()).isLessThanOrEqualTo(CAPACITY);
    publisher.close();

    // The publisher took one frame before blocking; of the rest only the newest CAPACITY stayed queued.
    assertThat(metrics.droppedCount()).isEqualTo(OFFERED - 1 - CAPACITY);
    assertThat(metrics.failedCount()).isEqualTo(1 + CAPACITY);
    assertThat(metrics.publishedCount()).isZero();
  }

  private static Frame frame(int i) {
    return Frame.newBuilder().setClassId("c").setParticipantId("pat").setStreamId("cam").setSequence(i)
        .setCaptureTime(Instant.ofEpochMilli(1_000_000L + 100L * i)).setIngestTime(Instant.now())
        .setWidth(2).setHeight(2).setJpeg(ByteBuffer.wrap(new byte[] {(byte) 0xFF, (byte) 0xD8})).build();
  }
}
