package io.repstream.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;

import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * Loads FFmpeg's native libraries once per JVM, before any stream opens or codec is created, and sends FFmpeg's
 * log to SLF4J: loading them lazily from several stream threads at once would make the first streams of a class
 * race on the loader.
 */
public final class FfmpegNatives {
  private static volatile boolean loaded;

  private FfmpegNatives() {}

  public static synchronized void load() {
    if (loaded) {
      return;
    }
    try {
      FFmpegFrameGrabber.tryLoad();
    } catch (Exception | UnsatisfiedLinkError e) {
      throw new IllegalStateException("cannot load FFmpeg's native libraries (org.bytedeco:ffmpeg for this platform): " + e, e);
    }
    // FFmpeg's warnings (e.g. a camera's broken timestamps) arrive per frame; only errors reach our log.
    av_log_set_level(AV_LOG_ERROR);
    FfmpegLog.install();
    loaded = true;
  }
}
