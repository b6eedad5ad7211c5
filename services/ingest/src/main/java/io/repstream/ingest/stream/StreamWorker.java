package io.repstream.ingest.stream;

import io.repstream.ingest.config.IngestConfig;
import io.repstream.ingest.config.IngestConfig.FilePacing;
import io.repstream.ingest.encode.EncodedJpeg;
import io.repstream.ingest.encode.JpegEncoder;
import io.repstream.ingest.roster.StreamSpec;
import io.repstream.ingest.roster.Tile;
import io.repstream.ingest.sample.FrameSampler;
import io.repstream.ingest.source.StreamDecoder;
import io.repstream.ingest.source.StreamDecoder.Picture;
import io.repstream.ingest.source.StreamOpenException;
import io.repstream.schemas.Frame;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one stream on its own thread: opens it, decodes, samples by event time, encodes each participant's
 * tile and hands the frames to the sink; reconnects with back-off when the source fails, and gives up
 * (state {@link StreamState#DEAD}) after too many failures in a row. Nothing it does can stop another stream.
 *
 * <p>Event time is the stream's own timestamp, anchored to the wall clock once per connection (to the
 * sender's clock where RTSP reports it). Sequence numbers and the sampler carry over reconnects, so a
 * participant's frames stay numbered gap-free and strictly ordered for the whole class.
 */
public final class StreamWorker implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(StreamWorker.class);
  private static final long NANOS_PER_MICRO = 1000;
  private static final long MICROS_PER_MILLI = 1000;
  private static final long FPS_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);
  /**
   * A timestamp jumping further than this (either way) is a discontinuity (a looped or restarted source,
   * an MPEG-TS clock wrap), not elapsed time: the clock is re-anchored instead of stalling or leaping.
   */
  private static final long MAX_TIMESTAMP_JUMP_MICROS = TimeUnit.SECONDS.toMicros(5);
  /** The least a picture's event time follows its predecessor's by: event times never repeat. */
  private static final long MIN_STEP_MICROS = 1;
  private static final double MICROS_PER_SECOND = 1_000_000.0;
  /** How far a sender's reported clock may stray from ours and still be trusted for capture times. */
  private static final long MAX_SENDER_CLOCK_SKEW_MICROS = TimeUnit.SECONDS.toMicros(10);
  /** Frame duration assumed when a source declares no frame rate (30 fps, the common camera rate). */
  private static final long DEFAULT_FRAME_MICROS = 33_333;
  /**
   * A declared frame rate above this is a container's time base, not a camera's rate (MPEG-TS often says
   * 90000); untimed frames are then spaced by the default instead.
   */
  private static final double MAX_PLAUSIBLE_FPS = 1000;

  private final StreamSpec spec;
  private final IngestConfig config;
  private final FrameSink sink;
  private final StreamMetrics metrics;
  private final ReconnectBackoff backoff;
  private final FrameSampler sampler;
  private final long[] sequences;
  private final CountDownLatch stopSignal = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean stopping;
  private volatile StreamState state = StreamState.CONNECTING;
  private volatile Instant since = Instant.now();
  private volatile String lastError;
  /** Event time of the last decoded picture, across connections. */
  private long previousEventMicros = Long.MIN_VALUE;

  public StreamWorker(StreamSpec spec, IngestConfig config, FrameSink sink, StreamMetrics metrics) {
    this.spec = spec;
    this.config = config;
    this.sink = sink;
    this.metrics = metrics;
    this.backoff = new ReconnectBackoff(config.reconnectInitial(), config.reconnectMax());
    this.sampler = new FrameSampler(spec.sampleFps());
    this.sequences = new long[spec.tiles().size()];
  }

  public StreamSpec spec() {
    return spec;
  }

  public StreamState state() {
    return state;
  }

  /** Asks the worker to stop; it does so within about one read timeout (a listener: one listen timeout). */
  public void stop() {
    stopping = true;
    stopSignal.countDown();
  }

  public boolean awaitFinished(long timeout, TimeUnit unit) throws InterruptedException {
    return finished.await(timeout, unit);
  }

  public StreamStatus status() {
    double lag = metrics.lag();
    return new StreamStatus(spec.streamId(), spec.classId(), spec.url().toString(),
        spec.tiles().stream().map(Tile::participantId).toList(), state, since.toString(), lastError,
        metrics.decodedCount(), metrics.sampledCount(), metrics.publishedCount(), metrics.droppedCount(),
        metrics.failedCount(), metrics.reconnectCount(), metrics.decodeFps(), Double.isNaN(lag) ? null : lag);
  }

  private void state(StreamState s) {
    if (state != s) {
      state = s;
      since = Instant.now();
      metrics.state(s);
    }
  }

  @Override
  public void run() {
    List<JpegEncoder> encoders = new ArrayList<>();
    try {
      for (Tile t : spec.tiles()) {
        encoders.add(JpegEncoder.create(config.encoder(), t, config.maxSide(), config.jpegQuality()));
      }
      connectLoop(encoders);
    } catch (RuntimeException | Error e) {
      lastError = "stream " + spec.streamId() + " failed: " + e;
      LOG.error("Stream {} failed unexpectedly; other streams are unaffected", spec.streamId(), e);
      state(StreamState.DEAD);
    } finally {
      encoders.forEach(JpegEncoder::close);
      if (stopping && state != StreamState.DEAD && state != StreamState.ENDED) {
        state(StreamState.STOPPED);
      }
      finished.countDown();
    }
  }

  private void connectLoop(List<JpegEncoder> encoders) {
    int failures = 0;
    while (!stopping) {
      state(StreamState.CONNECTING);
      boolean gotFrames = false;
      try (StreamDecoder decoder = StreamDecoder.open(spec.url(), spec.listen(), config)) {
        LOG.info("Stream {} open: {} {}x{} at {} fps", spec.streamId(), decoder.codecName(), decoder.width(),
            decoder.height(), String.format("%.2f", decoder.frameRate()));
        state(StreamState.STREAMING);
        lastError = null;
        gotFrames = pump(decoder, encoders);
        if (stopping) {
          return;
        }
        if (spec.url().isFile()) {
          if (gotFrames && spec.pacing() == FilePacing.LOOP) {
            // Open it again from the start; the new connection's timestamps begin at "now", so event time and
            // sequence numbers run on as from a camera that never stopped.
            LOG.debug("Stream {} reached the end of {}; playing it again", spec.streamId(), spec.url());
            metrics.reconnect();
            failures = 0;
            continue;
          }
          if (gotFrames) {
            LOG.info("Stream {} reached the end of {}", spec.streamId(), spec.url());
            state(StreamState.ENDED);
          } else {
            fail("file " + spec.url() + " holds no decodable video frames");
          }
          return;
        }
        lastError = "stream " + spec.url() + " ended or its connection was lost";
      } catch (StreamOpenException e) {
        lastError = e.getMessage();
        if (spec.url().isFile()) {
          // A file that cannot be opened now will not open on retry: corrupt, truncated or not a video.
          fail(e.getMessage());
          return;
        }
      }
      if (stopping) {
        return;
      }
      failures = gotFrames ? 1 : failures + 1;
      if (failures >= config.reconnectMaxAttempts()) {
        fail("gave up after " + failures + " failed attempts in a row; last: " + lastError);
        return;
      }
      long delay = backoff.delayMillis(failures);
      LOG.warn("Stream {}: {}; reconnecting in {} ms (attempt {} of {})", spec.streamId(), lastError, delay,
          failures, config.reconnectMaxAttempts() - 1);
      state(StreamState.RECONNECTING);
      metrics.reconnect();
      try {
        if (stopSignal.await(delay, TimeUnit.MILLISECONDS)) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void fail(String reason) {
    lastError = reason;
    LOG.error("Stream {} is dead: {}", spec.streamId(), reason);
    state(StreamState.DEAD);
  }

  /** Decodes until the input ends or the worker stops; true if at least one picture came. */
  private boolean pump(StreamDecoder decoder, List<JpegEncoder> encoders) throws StreamOpenException {
    boolean realtime = spec.url().isFile() && spec.pacing().live();
    boolean gotFrames = false;
    long firstTs = Long.MIN_VALUE;
    long previousTs = Long.MIN_VALUE;
    long anchorMicros = 0;
    long anchorNanos = 0;
    long windowStart = System.nanoTime();
    long windowFrames = 0;
    while (!stopping) {
      Picture picture = decoder.next();
      if (picture == null) {
        return gotFrames;
      }
      gotFrames = true;
      metrics.decoded();
      long now = System.nanoTime();
      windowFrames++;
      if (now - windowStart >= FPS_WINDOW_NANOS) {
        metrics.decodeFps(windowFrames * (double) FPS_WINDOW_NANOS / (now - windowStart));
        windowStart = now;
        windowFrames = 0;
      }

      long ts = picture.timestampMicros();
      if (ts == StreamDecoder.NO_TIMESTAMP && previousTs != Long.MIN_VALUE) {
        // A picture without a timestamp inside a timed stream follows its predecessor by one frame.
        ts = previousTs + frameMicros(decoder);
      }
      long eventMicros;
      if (ts == StreamDecoder.NO_TIMESTAMP) {
        // Nothing timed yet on this connection (RTP before its first sender report, or a source without
        // timestamps): the picture is taken to be captured at the connection's anchor.
        eventMicros = Math.max(connectionAnchor(decoder), previousEventMicros + MIN_STEP_MICROS);
      } else {
        if (firstTs == Long.MIN_VALUE) {
          // First timed picture of this connection: "now", or the sender's clock where RTSP reports it.
          anchorMicros = connectionAnchor(decoder);
          anchorNanos = now;
          firstTs = ts;
        } else if (Math.abs(ts - previousTs) > MAX_TIMESTAMP_JUMP_MICROS) {
          anchorMicros = previousEventMicros + frameMicros(decoder);
          anchorNanos = now;
          firstTs = ts;
        }
        previousTs = ts;
        long offsetMicros = ts - firstTs;
        if (realtime) {
          long wait = anchorNanos + offsetMicros * NANOS_PER_MICRO - System.nanoTime();
          if (wait > 0 && sleepNanos(wait)) {
            return gotFrames;
          }
        }
        eventMicros = anchorMicros + offsetMicros;
      }
      previousEventMicros = eventMicros;
      if (sampler.accept(eventMicros)) {
        publish(picture, eventMicros / MICROS_PER_MILLI, encoders);
      }
    }
    return gotFrames;
  }

  private void publish(Picture picture, long captureMillis, List<JpegEncoder> encoders) {
    for (int i = 0; i < encoders.size(); i++) {
      Tile tile = spec.tiles().get(i);
      EncodedJpeg jpeg;
      try {
        jpeg = encoders.get(i).encode(picture.frame());
      } catch (RuntimeException e) {
        String error = "cannot encode a frame of " + tile.participantId() + ": " + e.getMessage();
        // The same failure tends to repeat for every frame; one line per new reason is enough.
        if (!error.equals(lastError)) {
          LOG.warn("Stream {}: {}", spec.streamId(), error);
        }
        lastError = error;
        continue;
      }
      Frame frame = Frame.newBuilder()
          .setClassId(spec.classId())
          .setParticipantId(tile.participantId())
          .setStreamId(spec.streamId())
          .setSequence(sequences[i]++)
          .setCaptureTime(Instant.ofEpochMilli(captureMillis))
          .setIngestTime(Instant.now())
          .setWidth(jpeg.width())
          .setHeight(jpeg.height())
          .setJpeg(ByteBuffer.wrap(jpeg.bytes()))
          .build();
      metrics.sampled(tile.participantId(), captureMillis);
      sink.accept(frame, metrics);
    }
  }

  /**
   * Wall-clock time a connection's stream time starts at: the sender's clock where RTSP reports it and it
   * roughly agrees with ours, else now. A camera whose clock is off by minutes would otherwise date every
   * frame wrongly.
   */
  private static long connectionAnchor(StreamDecoder decoder) {
    long start = decoder.realtimeStartMicros();
    long now = wallMicros();
    return start != Long.MIN_VALUE && Math.abs(now - start) <= MAX_SENDER_CLOCK_SKEW_MICROS ? start : now;
  }

  private static long frameMicros(StreamDecoder decoder) {
    double fps = decoder.frameRate();
    return fps > 0 && fps <= MAX_PLAUSIBLE_FPS ? Math.round(MICROS_PER_SECOND / fps) : DEFAULT_FRAME_MICROS;
  }

  /** Sleeps, waking early if the worker is stopped; true if it was. */
  private boolean sleepNanos(long nanos) {
    try {
      return stopSignal.await(nanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  private static long wallMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / NANOS_PER_MICRO;
  }
}
