package io.repstream.eval;

import io.repstream.schemas.RepEvent;
import io.repstream.schemas.RepKind;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * One clip's count over time as a picture: the phase signal (probability of the bottom position), frames
 * where nobody was found, each counted rep (green) and partial or transition rep (orange) where it ended, and
 * above the plot where the clip's source says reps truly ended, when it says.
 */
final class CountTimeline {
  private static final int WIDTH = 1000;
  private static final int HEIGHT = 260;
  private static final int LEFT = 50;
  private static final int TOP = 40;
  private static final int PLOT_HEIGHT = 170;
  private static final Color TRUE_MARK = new Color(123, 31, 162);
  private static final double MILLIS_PER_SECOND = 1000.0;

  private CountTimeline() {}

  /** The body centre's height over time, stretched to the plot: the motion the counter sees. */
  private static void drawCentre(Graphics2D g, List<ClipTrace.Point> points, long t0, long span, int plotWidth) {
    double lo = Double.MAX_VALUE;
    double hi = -Double.MAX_VALUE;
    for (ClipTrace.Point p : points) {
      if (!Float.isNaN(p.centreY())) {
        lo = Math.min(lo, p.centreY());
        hi = Math.max(hi, p.centreY());
      }
    }
    if (hi <= lo) {
      return;
    }
    Path2D line = new Path2D.Double();
    boolean started = false;
    for (ClipTrace.Point p : points) {
      if (Float.isNaN(p.centreY())) {
        continue;
      }
      double x = LEFT + (p.captureMillis() - t0) * (double) plotWidth / span;
      // Image y grows downwards; draw higher bodies higher.
      double y = TOP + (p.centreY() - lo) / (hi - lo) * PLOT_HEIGHT;
      if (started) {
        line.lineTo(x, y);
      } else {
        line.moveTo(x, y);
        started = true;
      }
    }
    g.setColor(new Color(140, 140, 140));
    g.setStroke(new BasicStroke(1f));
    g.draw(line);
  }

  /** {@code trueRepEnds}: seconds from the clip's start where its source marked reps (may be empty). */
  static void write(ClipResult result, ClipTrace trace, List<Double> trueRepEnds, Path png) throws IOException {
    List<ClipTrace.Point> points = trace.points();
    BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, HEIGHT);
    g.setColor(new Color(30, 30, 30));
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.drawString(String.format("%s — %s: true %d, counted %d", result.clip(), result.expectedExercise(), result.trueReps(),
        result.countedReps()), LEFT, 22);
    int plotWidth = WIDTH - LEFT - 20;
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    g.drawRect(LEFT, TOP, plotWidth, PLOT_HEIGHT);
    g.drawString("bottom", 4, TOP + 10);
    g.drawString("top", 14, TOP + PLOT_HEIGHT);
    if (points.isEmpty()) {
      g.drawString("no predictions", LEFT + 10, TOP + PLOT_HEIGHT / 2);
    } else {
      long t0 = points.get(0).captureMillis();
      long span = Math.max(1, points.get(points.size() - 1).captureMillis() - t0);
      Path2D line = new Path2D.Double();
      boolean started = false;
      for (ClipTrace.Point p : points) {
        double x = LEFT + (p.captureMillis() - t0) * (double) plotWidth / span;
        if (!p.person()) {
          g.setColor(new Color(230, 230, 230));
          g.drawLine((int) x, TOP + 1, (int) x, TOP + PLOT_HEIGHT - 1);
          continue;
        }
        double y = TOP + PLOT_HEIGHT - p.bottomProbability() * PLOT_HEIGHT;
        if (started) {
          line.lineTo(x, y);
        } else {
          line.moveTo(x, y);
          started = true;
        }
      }
      g.setColor(new Color(25, 118, 210));
      g.setStroke(new BasicStroke(1.5f));
      g.draw(line);
      drawCentre(g, points, t0, span, plotWidth);
      for (RepEvent r : trace.reps()) {
        double x = LEFT + (r.getEndTime().toEpochMilli() - t0) * (double) plotWidth / span;
        g.setColor(r.getKind() == RepKind.COUNTED ? new Color(46, 125, 50) : new Color(239, 108, 0));
        g.setStroke(new BasicStroke(2f));
        g.drawLine((int) x, TOP + PLOT_HEIGHT, (int) x, TOP + PLOT_HEIGHT + 14);
      }
      g.setColor(TRUE_MARK);
      g.setStroke(new BasicStroke(2f));
      for (double seconds : trueRepEnds) {
        double x = LEFT + seconds * MILLIS_PER_SECOND * plotWidth / span;
        g.drawLine((int) x, TOP - 12, (int) x, TOP);
      }
      g.setColor(new Color(30, 30, 30));
      g.drawString(String.format("%.0f s", span / 1000.0), LEFT + plotWidth - 30, TOP + PLOT_HEIGHT + 30);
    }
    g.setColor(new Color(46, 125, 50));
    g.drawString("| counted rep", LEFT, HEIGHT - 8);
    g.setColor(new Color(239, 108, 0));
    g.drawString("| partial / transition", LEFT + 100, HEIGHT - 8);
    g.setColor(new Color(25, 118, 210));
    g.drawString("— phase signal (P bottom)", LEFT + 250, HEIGHT - 8);
    g.setColor(new Color(140, 140, 140));
    g.drawString("— body centre height", LEFT + 420, HEIGHT - 8);
    if (!trueRepEnds.isEmpty()) {
      g.setColor(TRUE_MARK);
      g.drawString("| true rep end (source's marks, top)", LEFT + 560, HEIGHT - 8);
    }
    g.dispose();
    ImageIO.write(img, "png", png.toFile());
  }
}
