package io.repstream.eval;

import io.repstream.schemas.Keypoint;
import io.repstream.schemas.Prediction;
import io.repstream.schemas.RepEvent;
import io.repstream.synth.output.Mp4Writer;
import io.repstream.vision.pose.BodyPart;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * A clip re-encoded with what the pipeline said drawn on it: the skeleton of the latest prediction, its exercise and
 * phase, and the running count of reps the counter had published by then. Each video frame shows the newest
 * prediction captured at or before it, so the drawing lags the motion by at most one sampled frame, as a live
 * viewer would see it.
 */
final class AnnotatedClip {
  static final String SUFFIX = ".annotated.mp4";
  /** Longest side of the annotated video: enough to judge the skeleton, small enough to keep 24 clips light. */
  static final int MAX_SIDE = 640;
  private static final float MIN_KEYPOINT_SCORE = 0.3f;
  /** For a file that declares no frame rate. */
  private static final double FALLBACK_FPS = 30;
  private static final double MICROS_PER_MILLI = 1000.0;
  private static final Color BONE = new Color(0, 230, 118);
  private static final Color JOINT = new Color(255, 235, 59);
  private static final Color PANEL = new Color(0, 0, 0, 150);

  private AnnotatedClip() {}

  static void write(Path clip, List<Prediction> predictions, List<RepEvent> reps, Path out) throws IOException {
    List<Prediction> ordered = predictions.stream().sorted(Comparator.comparingLong(p -> p.getCaptureTime().toEpochMilli()))
        .toList();
    List<Long> countedEnds = reps.stream().filter(r -> r.getKind() == io.repstream.schemas.RepKind.COUNTED)
        .map(r -> r.getEndTime().toEpochMilli()).sorted().toList();
    long firstCapture = ordered.isEmpty() ? 0 : ordered.get(0).getCaptureTime().toEpochMilli();
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(clip.toFile());
        Java2DFrameConverter converter = new Java2DFrameConverter()) {
      grabber.start();
      double fps = grabber.getFrameRate() > 0 ? grabber.getFrameRate() : FALLBACK_FPS;
      double scale = Math.min(1.0, (double) MAX_SIDE / Math.max(grabber.getImageWidth(), grabber.getImageHeight()));
      // H.264 with 4:2:0 chroma wants even sides.
      int width = Math.max(2, (int) Math.round(grabber.getImageWidth() * scale) & ~1);
      int height = Math.max(2, (int) Math.round(grabber.getImageHeight() * scale) & ~1);
      try (Mp4Writer writer = new Mp4Writer(out, width, height, fps)) {
        long firstPts = Long.MIN_VALUE;
        int next = 0;
        Prediction current = null;
        int counted = 0;
        Frame frame;
        while ((frame = grabber.grabImage()) != null) {
          long pts = grabber.getTimestamp();
          if (firstPts == Long.MIN_VALUE) {
            firstPts = pts;
          }
          long capture = firstCapture + Math.round((pts - firstPts) / MICROS_PER_MILLI);
          while (next < ordered.size() && ordered.get(next).getCaptureTime().toEpochMilli() <= capture) {
            current = ordered.get(next++);
          }
          while (counted < countedEnds.size() && countedEnds.get(counted) <= capture) {
            counted++;
          }
          BufferedImage picture = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
          Graphics2D g = picture.createGraphics();
          g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
          g.drawImage(converter.convert(frame), 0, 0, width, height, null);
          draw(g, current, counted, width, height);
          g.dispose();
          writer.write(picture);
        }
      }
      grabber.stop();
    } catch (FrameGrabber.Exception e) {
      throw new IOException("cannot decode " + clip + " to annotate it: " + e.getMessage(), e);
    }
  }

  private static void draw(Graphics2D g, Prediction p, int counted, int width, int height) {
    if (p != null && p.getPose() != null) {
      List<Keypoint> k = p.getPose().getKeypoints();
      g.setStroke(new BasicStroke(Math.max(2f, width / 240f)));
      g.setColor(BONE);
      for (int[] bone : BodyPart.bones()) {
        Keypoint a = k.get(bone[0]);
        Keypoint b = k.get(bone[1]);
        if (a.getScore() >= MIN_KEYPOINT_SCORE && b.getScore() >= MIN_KEYPOINT_SCORE) {
          g.drawLine(Math.round(a.getX() * width), Math.round(a.getY() * height), Math.round(b.getX() * width),
              Math.round(b.getY() * height));
        }
      }
      g.setColor(JOINT);
      int r = Math.max(2, width / 160);
      for (Keypoint kp : k) {
        if (kp.getScore() >= MIN_KEYPOINT_SCORE) {
          g.fillOval(Math.round(kp.getX() * width) - r, Math.round(kp.getY() * height) - r, 2 * r, 2 * r);
        }
      }
    }
    String exercise = p == null ? "-" : p.getExercise();
    String phase = p == null ? "-" : p.getPhase().name().toLowerCase(Locale.ROOT);
    int fontSize = Math.max(12, height / 18);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, fontSize));
    String line1 = "reps " + counted;
    String line2 = exercise + " · " + phase;
    int boxWidth = Math.max(g.getFontMetrics().stringWidth(line1), g.getFontMetrics().stringWidth(line2)) + fontSize;
    g.setColor(PANEL);
    g.fillRect(0, 0, boxWidth, fontSize * 3);
    g.setColor(Color.WHITE);
    g.drawString(line1, fontSize / 2, fontSize * 5 / 4);
    g.drawString(line2, fontSize / 2, fontSize * 5 / 2);
  }
}
