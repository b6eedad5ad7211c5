package io.repstream.media;

import java.io.IOException;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

/** A video file's frame rate as FFmpeg reads it from the container, for labels that count frames. */
public final class VideoFrameRate {
  private VideoFrameRate() {}

  public static double of(Path video) throws IOException {
    FfmpegNatives.load();
    try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(video.toFile())) {
      g.start();
      double fps = g.getFrameRate();
      g.stop();
      if (!(fps > 0)) {
        throw new IOException(video + " gives no frame rate");
      }
      return fps;
    } catch (FrameGrabber.Exception e) {
      throw new IOException("cannot read the frame rate of " + video + ": " + e.getMessage(), e);
    }
  }
}
