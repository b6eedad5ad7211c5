package io.repstream.trainer;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/** The trainer's pictures: confusion matrices and training curves, as PNG. */
public final class Charts {
  private static final int CELL = 44;
  private static final int LABEL_SPACE = 150;
  private static final int MARGIN = 20;
  private static final int TITLE_SPACE = 40;
  private static final Color INK = new Color(30, 30, 30);
  /** Height of one network's row of training curves: title, plot and epoch axis. */
  private static final int CURVES_ROW_HEIGHT = 360;

  private Charts() {}

  /** Rows are the truth, columns the prediction; each cell shows its count, shaded by its share of the row. */
  public static void confusionMatrix(ConfusionMatrix m, String title, Path png) throws IOException {
    int n = m.labels().size();
    int gridTop = TITLE_SPACE + LABEL_SPACE;
    BufferedImage img = canvas(LABEL_SPACE + n * CELL + MARGIN, gridTop + n * CELL + TITLE_SPACE);
    Graphics2D g = pen(img);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.drawString(title + String.format(" — accuracy %.1f%%", 100 * m.accuracy()), MARGIN, 24);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    for (int t = 0; t < n; t++) {
      long row = 0;
      for (int p = 0; p < n; p++) {
        row += m.count(t, p);
      }
      int y = gridTop + t * CELL;
      for (int p = 0; p < n; p++) {
        long c = m.count(t, p);
        double share = row == 0 ? 0 : (double) c / row;
        g.setColor(t == p ? blend(new Color(232, 245, 233), new Color(27, 125, 60), share)
            : blend(Color.WHITE, new Color(198, 40, 40), share));
        g.fillRect(LABEL_SPACE + p * CELL, y, CELL - 1, CELL - 1);
        g.setColor(share > 0.5 ? Color.WHITE : INK);
        centred(g, Long.toString(c), LABEL_SPACE + p * CELL + CELL / 2, y + CELL / 2 + 4);
      }
      g.setColor(INK);
      g.drawString(m.labels().get(t), MARGIN, y + CELL / 2 + 4);
    }
    // Column labels, rotated to read upwards from just above their column.
    for (int p = 0; p < n; p++) {
      Graphics2D r = (Graphics2D) g.create();
      r.translate(LABEL_SPACE + p * CELL + CELL / 2 + 4, gridTop - 6);
      r.rotate(-Math.PI / 2);
      r.drawString(m.labels().get(p), 0, 0);
      r.dispose();
    }
    g.drawString("rows: truth · columns: predicted", MARGIN, gridTop + n * CELL + 24);
    g.dispose();
    ImageIO.write(img, "png", png.toFile());
  }

  /**
   * One row per network trained, in order (each exercise network, then the phase network): loss (left) and
   * validation accuracy per head (right) over its epochs, its best epoch marked. A network without an exercise head
   * draws no exercise line.
   */
  public static void trainingCurves(List<ModelTrainer.Stage> networks, List<String> names, Path png) throws IOException {
    int w = 900;
    BufferedImage img = canvas(w, CURVES_ROW_HEIGHT * networks.size());
    Graphics2D g = pen(img);
    for (int i = 0; i < networks.size(); i++) {
      List<EpochRecord> history = networks.get(i).history();
      int best = networks.get(i).best();
      String name = names.get(i) + ": ";
      int top = i * CURVES_ROW_HEIGHT;
      double maxLoss = history.stream().mapToDouble(e -> Math.max(e.trainLoss(), e.validationLoss())).max().orElse(1);
      plot(g, history, best, 20, top, name + "loss", maxLoss, List.of(EpochRecord::trainLoss, EpochRecord::validationLoss),
          List.of(new Color(25, 118, 210), new Color(239, 108, 0)), List.of("train", "validation"));
      plot(g, history, best, w / 2 + 10, top, name + "validation accuracy", 1.0,
          List.of(EpochRecord::exerciseAccuracy, EpochRecord::phaseAccuracy),
          List.of(new Color(46, 125, 50), new Color(142, 36, 170)), List.of("exercise", "phase"));
    }
    g.dispose();
    ImageIO.write(img, "png", png.toFile());
  }

  private static void plot(Graphics2D g, List<EpochRecord> history, int best, int left, int rowTop, String title, double max,
      List<ToDoubleFunction<EpochRecord>> series, List<Color> colours, List<String> names) {
    int top = rowTop + 40;
    int width = 400;
    int height = 260;
    g.setColor(INK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.drawString(title, left, rowTop + 24);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    g.drawRect(left, top, width, height);
    g.drawString(String.format("%.2f", max), left + 4, top + 12);
    g.drawString("0", left + 4, top + height - 4);
    g.drawString("epoch " + history.size(), left + width - 60, top + height + 16);
    int n = Math.max(2, history.size());
    int bx = left + (best - 1) * width / (n - 1);
    g.setColor(new Color(0, 0, 0, 60));
    g.drawLine(bx, top, bx, top + height);
    g.drawString("best", bx + 3, top + height - 4);
    int legend = 0;
    for (int s = 0; s < series.size(); s++) {
      Path2D line = new Path2D.Double();
      boolean drawn = false;
      for (int i = 0; i < history.size(); i++) {
        double value = series.get(s).applyAsDouble(history.get(i));
        if (Double.isNaN(value)) {
          continue;
        }
        double x = left + (double) i * width / (n - 1);
        double y = top + height - Math.min(1, value / max) * height;
        if (!drawn) {
          line.moveTo(x, y);
          drawn = true;
        } else {
          line.lineTo(x, y);
        }
      }
      if (!drawn) {
        continue;
      }
      g.setColor(colours.get(s));
      g.setStroke(new BasicStroke(2f));
      g.draw(line);
      g.drawString(names.get(s), left + width - 90, top + 20 + 14 * legend++);
    }
    g.setStroke(new BasicStroke(1f));
  }

  private static BufferedImage canvas(int w, int h) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    g.dispose();
    return img;
  }

  private static Graphics2D pen(BufferedImage img) {
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(INK);
    return g;
  }

  private static void centred(Graphics2D g, String s, int x, int y) {
    FontMetrics fm = g.getFontMetrics();
    g.drawString(s, x - fm.stringWidth(s) / 2, y);
  }

  private static Color blend(Color a, Color b, double t) {
    double k = Math.max(0, Math.min(1, t));
    return new Color((int) (a.getRed() + (b.getRed() - a.getRed()) * k), (int) (a.getGreen() + (b.getGreen() - a.getGreen()) * k),
        (int) (a.getBlue() + (b.getBlue() - a.getBlue()) * k));
  }
}
