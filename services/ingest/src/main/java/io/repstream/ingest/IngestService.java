package io.repstream.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.repstream.common.kafka.AvroSerde;
import io.repstream.common.kafka.Topic;
import io.repstream.common.kafka.TopicCreator;
import io.repstream.ingest.config.IngestConfig;
import io.repstream.ingest.publish.FramePublisher;
import io.repstream.ingest.roster.InvalidRosterException;
import io.repstream.ingest.roster.RosterEntry;
import io.repstream.ingest.roster.RosterValidator;
import io.repstream.ingest.roster.StreamSpec;
import io.repstream.ingest.roster.Tile;
import io.repstream.ingest.stream.StreamMetrics;
import io.repstream.ingest.stream.StreamStatus;
import io.repstream.ingest.stream.StreamWorker;
import io.repstream.media.FfmpegNatives;
import io.repstream.schemas.Frame;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest service: the roster's streams, one worker thread each, feeding one Kafka publisher. Streams are
 * added and removed while running; a stream that fails is reported in its status and never affects another.
 */
public final class IngestService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);
  /** Frames are only useful live: a producer blocked longer than this drops the frame rather than stall. */
  private static final String MAX_BLOCK_MS = "5000";
  /** A few ms of batching costs nothing at 10 fps per participant and saves requests with many participants. */
  private static final String LINGER_MS = "5";
  /** Beyond its I/O timeout, how long a stopping stream may take to release its decoder. */
  private static final long STOP_GRACE_MILLIS = 2000;

  private final IngestConfig config;
  private final MeterRegistry registry;
  private final FramePublisher publisher;
  private final RosterValidator validator;
  private final Map<String, Running> streams = new LinkedHashMap<>();

  private record Running(RosterEntry entry, StreamWorker worker, StreamMetrics metrics, Thread thread) {}

  private IngestService(IngestConfig config, MeterRegistry registry, FramePublisher publisher) {
    this.config = config;
    this.registry = registry;
    this.publisher = publisher;
    this.validator = new RosterValidator(config);
  }

  /** Loads FFmpeg, makes sure the topics exist and starts the publisher; streams come with {@link #add}. */
  public static IngestService start(IngestConfig config, MeterRegistry registry) {
    FfmpegNatives.load();
    Properties admin = config.kafka().clientProperties();
    try (Admin a = Admin.create(admin)) {
      TopicCreator.ensure(a, config.topics());
    }
    Properties p = config.kafka().clientProperties();
    p.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK_MS);
    p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
    p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "repstream-ingest");
    p.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, config.topics().spec(Topic.FRAMES).configs().get("max.message.bytes"));
    Producer<String, Frame> producer = new KafkaProducer<>(p, new StringSerializer(), AvroSerde.frame());
    String topic = config.topics().name(Topic.FRAMES);
    LOG.info("Ingest publishing to {} at {}", topic, config.kafka().bootstrapServers());
    return new IngestService(config, registry, new FramePublisher(producer, topic, config.queueCapacity()));
  }

  /** Validates and starts a stream. */
  public synchronized StreamStatus add(RosterEntry entry) {
    StreamSpec spec = validator.validate(entry);
    if (streams.containsKey(spec.streamId())) {
      throw new StreamExistsException("stream " + spec.streamId() + " is already in the roster; remove it first to change it");
    }
    for (Running r : streams.values()) {
      for (Tile t : spec.tiles()) {
        if (r.worker().spec().tiles().stream().anyMatch(o -> o.participantId().equals(t.participantId()))) {
          throw new InvalidRosterException("stream " + spec.streamId() + ": participant " + t.participantId()
              + " is already shown by stream " + r.worker().spec().streamId());
        }
      }
    }
    StreamMetrics metrics = new StreamMetrics(registry, spec);
    StreamWorker worker = new StreamWorker(spec, config, publisher, metrics);
    Thread thread = new Thread(worker, "ingest-" + spec.streamId());
    thread.setDaemon(true);
    streams.put(spec.streamId(), new Running(entry, worker, metrics, thread));
    thread.start();
    LOG.info("Stream {} added: {} for class {}, participants {}", spec.streamId(), spec.url(), spec.classId(),
        spec.tiles().stream().map(Tile::participantId).toList());
    return worker.status();
  }

  /** Stops and forgets a stream; false if there was none by that id. Does not wait for its thread to end. */
  public synchronized boolean remove(String streamId) {
    Running r = streams.remove(streamId);
    if (r == null) {
      return false;
    }
    r.worker().stop();
    // Its meters go now, so that a stream re-added under the same id starts from fresh ones.
    r.metrics().close();
    LOG.info("Stream {} removed", streamId);
    return true;
  }

  public synchronized List<StreamStatus> status() {
    return streams.values().stream().map(r -> r.worker().status()).toList();
  }

  public synchronized Optional<StreamStatus> status(String streamId) {
    return Optional.ofNullable(streams.get(streamId)).map(r -> r.worker().status());
  }

  public synchronized Map<String, RosterEntry> roster() {
    Map<String, RosterEntry> m = new LinkedHashMap<>();
    streams.forEach((id, r) -> m.put(id, r.entry()));
    return m;
  }

  public int queued() {
    return publisher.queued();
  }

  public int queueCapacity() {
    return publisher.capacity();
  }

  /** Stops every stream, publishes what is queued and closes the producer. */
  @Override
  public void close() {
    List<Running> all;
    synchronized (this) {
      all = new ArrayList<>(streams.values());
      streams.clear();
    }
    all.forEach(r -> r.worker().stop());
    // A worker blocked in FFmpeg notices the stop when its read times out. An RTSP listener waits out its
    // listen timeout instead; it is not waited for, its daemon thread ends with the listener.
    long deadline = System.nanoTime()
        + TimeUnit.MILLISECONDS.toNanos(Math.max(config.openTimeout().toMillis(), config.readTimeout().toMillis()) + STOP_GRACE_MILLIS);
    for (Running r : all) {
      try {
        long left = Math.max(0, deadline - System.nanoTime());
        if (!r.worker().awaitFinished(left, TimeUnit.NANOSECONDS)) {
          LOG.warn("Stream {} is still closing ({}); not waiting for it", r.worker().spec().streamId(), r.worker().state());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      r.metrics().close();
    }
    publisher.close();
  }

  /** Adding a stream whose id is taken. */
  public static final class StreamExistsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StreamExistsException(String message) {
      super(message);
    }
  }
}
