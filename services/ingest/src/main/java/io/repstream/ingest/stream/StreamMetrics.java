package io.repstream.ingest.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.repstream.ingest.roster.StreamSpec;
import io.repstream.ingest.roster.Tile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One stream's Micrometer meters: frames decoded, sampled, published and dropped, reconnects, decode rate,
 * lag of the newest frame behind the wall clock, and the stream's state (one gauge per state, 1 for the
 * current one, as Prometheus expects enumerations).
 */
public final class StreamMetrics implements AutoCloseable {
  private static final double MILLIS_PER_SECOND = 1000.0;

  private final MeterRegistry registry;
  private final List<Meter> meters = new ArrayList<>();
  private final Counter decoded;
  private final Counter reconnects;
  private final Map<String, Counter> sampled = new ConcurrentHashMap<>();
  private final Map<String, Counter> published = new ConcurrentHashMap<>();
  private final Map<String, Counter> dropped = new ConcurrentHashMap<>();
  private final Map<String, Counter> failed = new ConcurrentHashMap<>();
  private volatile double decodeFps;
  private volatile long lastCaptureMillis = -1;
  private volatile StreamState state = StreamState.CONNECTING;

  public StreamMetrics(MeterRegistry registry, StreamSpec spec) {
    this.registry = registry;
    Tags stream = Tags.of("stream", spec.streamId(), "class", spec.classId());
    decoded = keep(Counter.builder("ingest.frames.decoded").tags(stream).description("Pictures decoded").register(registry));
    reconnects = keep(Counter.builder("ingest.reconnects").tags(stream).description("Attempts to reopen the stream").register(registry));
    keep(Gauge.builder("ingest.decode.fps", this, m -> m.decodeFps).tags(stream).description("Pictures decoded per second").register(registry));
    keep(Gauge.builder("ingest.lag.seconds", this, StreamMetrics::lagSeconds).tags(stream)
        .description("Wall clock minus the capture time of the newest sampled frame").register(registry));
    for (StreamState s : StreamState.values()) {
      keep(Gauge.builder("ingest.stream.state", this, m -> m.state == s ? 1 : 0).tags(stream.and("state", s.name().toLowerCase()))
          .description("1 for the stream's current state").register(registry));
    }
    for (Tile t : spec.tiles()) {
      Tags p = stream.and("participant", t.participantId());
      sampled.put(t.participantId(), keep(Counter.builder("ingest.frames.sampled").tags(p).register(registry)));
      published.put(t.participantId(), keep(Counter.builder("ingest.frames.published").tags(p).register(registry)));
      dropped.put(t.participantId(), keep(Counter.builder("ingest.frames.dropped").tags(p.and("reason", "backpressure"))
          .description("Sampled frames evicted from the full publish queue").register(registry)));
      failed.put(t.participantId(), keep(Counter.builder("ingest.frames.dropped").tags(p.and("reason", "publish-error"))
          .description("Sampled frames Kafka did not accept").register(registry)));
    }
  }

  private <M extends Meter> M keep(M meter) {
    meters.add(meter);
    return meter;
  }

  private double lagSeconds() {
    long last = lastCaptureMillis;
    return last < 0 ? Double.NaN : (System.currentTimeMillis() - last) / MILLIS_PER_SECOND;
  }

  void decoded() {
    decoded.increment();
  }

  void reconnect() {
    reconnects.increment();
  }

  void decodeFps(double fps) {
    decodeFps = fps;
  }

  void state(StreamState s) {
    state = s;
  }

  void sampled(String participant, long captureMillis) {
    sampled.get(participant).increment();
    lastCaptureMillis = captureMillis;
  }

  public void published(String participant) {
    published.get(participant).increment();
  }

  public void dropped(String participant) {
    dropped.get(participant).increment();
  }

  public void failed(String participant) {
    failed.get(participant).increment();
  }

  public long decodedCount() {
    return (long) decoded.count();
  }

  public long reconnectCount() {
    return (long) reconnects.count();
  }

  public double decodeFps() {
    return decodeFps;
  }

  public double lag() {
    return lagSeconds();
  }

  public long sampledCount() {
    return sum(sampled);
  }

  public long publishedCount() {
    return sum(published);
  }

  public long droppedCount() {
    return sum(dropped);
  }

  public long failedCount() {
    return sum(failed);
  }

  private static long sum(Map<String, Counter> counters) {
    return (long) counters.values().stream().mapToDouble(Counter::count).sum();
  }

  @Override
  public void close() {
    meters.forEach(registry::remove);
  }
}
