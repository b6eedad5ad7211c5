package io.repstream.trainer;

import io.repstream.exercise.PoseFeatures;
import io.repstream.vision.pose.BodyPart;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The model's most confident mistakes on validation data, one tile each: the pose's skeleton with the true
 * and the predicted labels. Confident mistakes are where wrong labels in the training data hide.
 */
public final class MistakeSheet {
  private static final int TILE = 200;
  private static final int COLUMNS = 6;
  private static final int CAPTION = 34;
  private static final int[][] BONES = BodyPart.bones();

  private MistakeSheet() {}

  public static void write(List<ModelTrainer.Mistake> mistakes, int max, Path png) throws IOException {
    List<ModelTrainer.Mistake> shown = mistakes.subList(0, Math.min(max, mistakes.size()));
    int rows = Math.max(1, (shown.size() + COLUMNS - 1) / COLUMNS);
    BufferedImage img = new BufferedImage(COLUMNS * TILE, rows * (TILE + CAPTION), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    for (int i = 0; i < shown.size(); i++) {
      ModelTrainer.Mistake m = shown.get(i);
      int x0 = (i % COLUMNS) * TILE;
      int y0 = (i / COLUMNS) * (TILE + CAPTION);
      g.setColor(new Color(245, 245, 245));
      g.fillRect(x0 + 2, y0 + 2, TILE - 4, TILE - 4);
      drawSkeleton(g, m.example().pose().keypoints(), m.example().pose().aspect(), x0, y0);
      g.setColor(new Color(30, 30, 30));
      g.drawString("true: " + m.example().exercise() + " / " + (m.example().hasPhase() ? m.example().phase() : "phase unknown"), x0 + 4, y0 + TILE + 12);
      g.setColor(new Color(180, 30, 30));
      g.drawString(String.format("model: %s / %s (%.0f%%)", m.predictedExercise(), m.predictedPhase(), 100 * m.confidence()),
          x0 + 4, y0 + TILE + 26);
    }
    g.dispose();
    ImageIO.write(img, "png", png.toFile());
  }

  /** The skeleton scaled into the tile, keeping the frame's aspect ratio. */
  private static void drawSkeleton(Graphics2D g, float[][] k, float aspect, int x0, int y0) {
    double w = aspect >= 1 ? TILE - 10 : (TILE - 10) * aspect;
    double h = aspect >= 1 ? (TILE - 10) / aspect : TILE - 10;
    double ox = x0 + (TILE - w) / 2;
    double oy = y0 + (TILE - h) / 2;
    g.setStroke(new BasicStroke(2f));
    g.setColor(new Color(25, 118, 210));
    for (int[] b : BONES) {
      if (k[b[0]][2] >= PoseFeatures.MIN_SCORE && k[b[1]][2] >= PoseFeatures.MIN_SCORE) {
        g.drawLine((int) (ox + k[b[0]][0] * w), (int) (oy + k[b[0]][1] * h), (int) (ox + k[b[1]][0] * w), (int) (oy + k[b[1]][1] * h));
      }
    }
    g.setStroke(new BasicStroke(1f));
  }
}
