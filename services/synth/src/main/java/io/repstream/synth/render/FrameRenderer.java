package io.repstream.synth.render;

import io.repstream.synth.body.BodyProportions;
import io.repstream.synth.body.Joint;
import io.repstream.synth.body.Skeleton;
import io.repstream.synth.body.Vec3;
import io.repstream.synth.camera.Camera;
import io.repstream.synth.camera.Projector;
import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Composite;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;

/** Renders one person's frames: the backdrop, a soft contact shadow on the floor, then the mannequin. */
public final class FrameRenderer {
  static final float SHADOW_ALPHA = 0.22f;
  static final double SHADOW_RADIUS = 0.07;

  private final Camera camera;
  private final Projector projector;
  private final Scene scene;
  private final MannequinPainter painter;
  private final BufferedImage background;

  public FrameRenderer(Camera camera, Scene scene, BodyProportions body) {
    this.camera = camera;
    this.projector = camera.projector();
    this.scene = scene;
    this.painter = scene.painter(body);
    this.background = new BufferedImage(camera.width(), camera.height(), BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = background.createGraphics();
    antialias(g);
    scene.backdrop().paint(g, camera, scene.lighting());
    g.dispose();
  }

  public Camera camera() {
    return camera;
  }

  /** A new image of the frame. */
  public BufferedImage render(Skeleton skeleton, double barHeight) {
    BufferedImage image = new BufferedImage(camera.width(), camera.height(), BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = image.createGraphics();
    g.drawImage(background, 0, 0, null);
    antialias(g);
    paintPerson(g, skeleton, barHeight);
    g.dispose();
    return image;
  }

  /** Draws the person (and shadow) over whatever is already in {@code g}. */
  public void paintPerson(Graphics2D g, Skeleton skeleton, double barHeight) {
    shadow(g, skeleton);
    painter.paint(g, skeleton, projector, barHeight);
  }

  private void shadow(Graphics2D g, Skeleton s) {
    Composite old = g.getComposite();
    g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, SHADOW_ALPHA));
    g.setPaint(Color.BLACK);
    Joint[][] bones = {
        {Joint.PELVIS, Joint.NECK}, {Joint.LEFT_HIP, Joint.LEFT_KNEE}, {Joint.RIGHT_HIP, Joint.RIGHT_KNEE},
        {Joint.LEFT_KNEE, Joint.LEFT_TOE}, {Joint.RIGHT_KNEE, Joint.RIGHT_TOE}, {Joint.LEFT_SHOULDER, Joint.LEFT_HAND},
        {Joint.RIGHT_SHOULDER, Joint.RIGHT_HAND}, {Joint.NECK, Joint.HEAD_CENTER}};
    java.awt.geom.Area area = new java.awt.geom.Area();
    for (Joint[] bone : bones) {
      Vec3 a = floor(s.get(bone[0]));
      Vec3 b = floor(s.get(bone[1]));
      double[] pa = projector.project(a);
      double[] pb = projector.project(b);
      if (pa[2] <= 0 || pb[2] <= 0) {
        continue;
      }
      double width = 2 * SHADOW_RADIUS * s.get(Joint.PELVIS).y() / Math.max(0.3, s.get(Joint.PELVIS).y())
          * projector.scaleAt((pa[2] + pb[2]) / 2);
      area.add(new java.awt.geom.Area(new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)
          .createStrokedShape(new Line2D.Double(pa[0], pa[1], pb[0], pb[1]))));
    }
    g.fill(area);
    g.setComposite(old);
  }

  private static Vec3 floor(Vec3 v) {
    return new Vec3(v.x(), 0, v.z());
  }

  static void antialias(Graphics2D g) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_SPEED);
  }
}
