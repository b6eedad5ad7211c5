package io.repstream.classifier;

import io.repstream.common.clips.ClipLabels;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.Assumptions;

/** Real frames for tests: every {@code step}-th frame of a development clip, as JPEG, with its time. */
final class ClipFrames {
  record JpegFrame(byte[] jpeg, long timestampMicros, int width, int height) {}

  private ClipFrames() {}

  static Path clip(String name) {
    Path dir = ClipLabels.developmentClipsDir().orElse(null);
    Assumptions.assumeTrue(dir != null, ClipLabels.whyNoDevelopmentClips());
    return dir.resolve(name);
  }

  static List<JpegFrame> read(Path clip, int step, int count) throws IOException {
    List<JpegFrame> out = new ArrayList<>();
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(clip.toFile());
        Java2DFrameConverter converter = new Java2DFrameConverter()) {
      grabber.start();
      int index = 0;
      org.bytedeco.javacv.Frame f;
      while (out.size() < count && (f = grabber.grabImage()) != null) {
        if (index++ % step != 0) {
          continue;
        }
        BufferedImage img = converter.convert(f);
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", jpeg);
        out.add(new JpegFrame(jpeg.toByteArray(), f.timestamp, img.getWidth(), img.getHeight()));
      }
      grabber.stop();
    }
    return out;
  }
}
