package io.repstream.ingest.source;

import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import io.repstream.ingest.config.IngestConfig;
import io.repstream.media.FfmpegErrors;
import io.repstream.media.FfmpegLog;
import io.repstream.media.FfmpegNatives;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * One open connection to one video source, decoding pictures in the decoder's own pixel format: colour
 * conversion and scaling happen later, and only for the frames the sampler keeps.
 *
 * <p>Opening and closing use JavaCV's unsafe variants: the safe ones hold one JVM-wide lock, so a single
 * camera that hangs while opening would freeze every other stream. FFmpeg's own timeouts bound each
 * blocking call instead.
 */
public final class StreamDecoder implements AutoCloseable {
  /** RTSP over TCP survives lossy networks and NAT; UDP transport loses packets and with them whole frames. */
  private static final String RTSP_TRANSPORT = "tcp";
  /** UDP receive buffer in bytes (FFmpeg's default is 7 x 188 x 4096): about 10 s of a 720p stream at 800 kbit/s. */
  private static final String UDP_FIFO_BYTES = "1000000";
  private static final long NANOS_PER_MICRO = 1000;
  /**
   * Widest or tallest source picture accepted: DCI 8K. Anything larger is no camera or call a class uses,
   * and decoding it would take hundreds of megabytes per frame from every other stream.
   */
  public static final int MAX_SOURCE_SIDE = 8192;

  /**
   * A decoded picture, valid until the next call to {@link #next()}; its timestamp is in microseconds on the
   * stream's clock, or {@link #NO_TIMESTAMP} when the source sent none.
   */
  public record Picture(AVFrame frame, long timestampMicros) {}

  public static final long NO_TIMESTAMP = Long.MIN_VALUE;

  private final FFmpegFrameGrabber grabber;
  private final String name;
  private long realtimeStartMicros = AV_NOPTS_VALUE;

  private StreamDecoder(FFmpegFrameGrabber grabber, String name) {
    this.grabber = grabber;
    this.name = name;
  }

  /** Opens {@code url}; blocks at most about the configured open timeout (listen timeout when listening). */
  public static StreamDecoder open(StreamUrl url, boolean listen, IngestConfig config) throws StreamOpenException {
    FfmpegNatives.load();
    FFmpegFrameGrabber g = new FFmpegFrameGrabber(url.input());
    if (url.format() != null) {
      g.setFormat(url.format());
    }
    g.setImageMode(FrameGrabber.ImageMode.RAW);
    g.setOptions(inputOptions(url, listen, config));
    if (config.decoderThreads() > 0) {
      g.setVideoOption("threads", Integer.toString(config.decoderThreads()));
    }
    FfmpegLog.clear();
    long started = System.nanoTime();
    try {
      g.startUnsafe();
    } catch (FrameGrabber.Exception e) {
      release(g);
      Duration waited = Duration.ofNanos(System.nanoTime() - started);
      // "Input/output error" alone does not tell an operator that the source simply sent nothing.
      String silence = url.isNetwork() && !listen && waited.compareTo(config.readTimeout()) >= 0
          ? " after " + waited.toSeconds() + " s without data (ingest.read.timeout is " + config.readTimeout().toSeconds() + " s)"
          : "";
      throw new StreamOpenException("cannot open " + url + silence + ": " + FfmpegErrors.describe(e), e);
    }
    if (!g.hasVideo()) {
      release(g);
      throw new StreamOpenException("cannot open " + url + ": it has no video stream", null);
    }
    if (g.getImageWidth() > MAX_SOURCE_SIDE || g.getImageHeight() > MAX_SOURCE_SIDE) {
      int w = g.getImageWidth();
      int h = g.getImageHeight();
      release(g);
      throw new StreamOpenException("cannot open " + url + ": its video is " + w + "x" + h + ", larger than the "
          + MAX_SOURCE_SIDE + " pixels a side ingest accepts", null);
    }
    StreamDecoder d = new StreamDecoder(g, url.toString());
    AVFormatContext oc = g.getFormatContext();
    if (oc != null && oc.start_time_realtime() > 0 && oc.start_time_realtime() != AV_NOPTS_VALUE) {
      d.realtimeStartMicros = oc.start_time_realtime();
    }
    return d;
  }

  /** FFmpeg options bounding every blocking call, in the unit and under the name each protocol expects. */
  static Map<String, String> inputOptions(StreamUrl url, boolean listen, IngestConfig config) {
    Map<String, String> o = new LinkedHashMap<>();
    String readMicros = micros(config.readTimeout());
    if (url.isNetwork()) {
      // Generic AVIO read/write timeout: covers every protocol, including reads while opening.
      o.put("rw_timeout", readMicros);
    }
    switch (url.scheme()) {
      case "rtsp", "rtsps" -> {
        o.put("rtsp_transport", RTSP_TRANSPORT);
        // FFmpeg 5 renamed RTSP's socket timeout from stimeout to timeout (microseconds).
        o.put("timeout", readMicros);
        if (listen) {
          o.put("rtsp_flags", "listen");
          o.put("listen_timeout", Long.toString(Math.max(1, config.listenTimeout().toSeconds())));
        }
      }
      case "http", "https", "tcp" -> o.put("timeout", micros(config.openTimeout()));
      case "udp" -> {
        o.put("timeout", readMicros);
        // A burst larger than the socket buffer must cost frames, not the whole stream.
        o.put("overrun_nonfatal", "1");
        o.put("fifo_size", UDP_FIFO_BYTES);
      }
      case "srt" -> o.put("timeout", readMicros);
      // RTMP's "timeout" is how long to wait as a server for a publisher; rw_timeout already bounds reads.
      default -> { }
    }
    return o;
  }

  private static String micros(Duration d) {
    return Long.toString(d.toNanos() / NANOS_PER_MICRO);
  }

  /** The next decoded picture, or null at the end of the input (a file's end, or a live connection lost). */
  public Picture next() throws StreamOpenException {
    try {
      while (true) {
        Frame f = grabber.grabImage();
        if (f == null) {
          return null;
        }
        if (f.image != null && f.opaque instanceof AVFrame picture) {
          boolean timed = picture.best_effort_timestamp() != AV_NOPTS_VALUE;
          return new Picture(picture, timed ? f.timestamp : NO_TIMESTAMP);
        }
      }
    } catch (FrameGrabber.Exception e) {
      throw new StreamOpenException("error reading " + name + ": " + FfmpegErrors.describe(e), e);
    }
  }

  /**
   * Wall-clock time of the stream's start in microseconds since the epoch when the source says so (RTSP
   * sender reports), or {@link Long#MIN_VALUE}.
   */
  public long realtimeStartMicros() {
    return realtimeStartMicros == AV_NOPTS_VALUE ? Long.MIN_VALUE : realtimeStartMicros;
  }

  public int width() {
    return grabber.getImageWidth();
  }

  public int height() {
    return grabber.getImageHeight();
  }

  public double frameRate() {
    return grabber.getVideoFrameRate();
  }

  public String codecName() {
    return grabber.getVideoCodecName();
  }

  @Override
  public void close() {
    release(grabber);
  }

  private static void release(FFmpegFrameGrabber g) {
    try {
      g.releaseUnsafe();
    } catch (FrameGrabber.Exception e) {
      org.slf4j.LoggerFactory.getLogger(StreamDecoder.class).warn("error closing {}: {}", g.getFormat(), e.toString());
    }
  }
}
