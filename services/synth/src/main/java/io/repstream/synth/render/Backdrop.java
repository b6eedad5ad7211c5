package io.repstream.synth.render;

import io.repstream.synth.body.Vec3;
import io.repstream.synth.camera.Camera;
import io.repstream.synth.camera.Projector;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.Random;

/**
 * What is behind the person: a plain wall, a gradient, or a room (wall, floor in true perspective, skirting,
 * floorboards, a window and a picture), each with a light surface texture.
 */
public final class Backdrop {
  public enum Kind { PLAIN, GRADIENT, ROOM }

  static final Color[] WALLS = {
      new Color(235, 232, 225), new Color(210, 220, 230), new Color(200, 190, 170), new Color(180, 200, 185),
      new Color(120, 125, 135), new Color(240, 225, 200), new Color(90, 80, 75), new Color(225, 210, 215)};
  static final Color[] FLOORS = {
      new Color(150, 110, 70), new Color(190, 160, 120), new Color(110, 80, 55), new Color(130, 130, 135),
      new Color(90, 60, 50), new Color(170, 170, 160)};
  /** Distance of the back wall behind the person, metres. */
  static final double MIN_WALL_DISTANCE = 1.0;
  static final double MAX_WALL_DISTANCE = 3.0;
  static final int TEXTURE_SIZE = 256;

  private final Kind kind;
  private final Color wall;
  private final Color wall2;
  private final Color floor;
  private final double wallDistance;
  private final double windowOffset;
  private final double pictureOffset;
  private final BufferedImage texture;

  private Backdrop(Kind kind, Color wall, Color wall2, Color floor, double wallDistance, double windowOffset,
      double pictureOffset, BufferedImage texture) {
    this.kind = kind;
    this.wall = wall;
    this.wall2 = wall2;
    this.floor = floor;
    this.wallDistance = wallDistance;
    this.windowOffset = windowOffset;
    this.pictureOffset = pictureOffset;
    this.texture = texture;
  }

  public static Backdrop random(Random random) {
    double pick = random.nextDouble();
    Kind kind = pick < 0.2 ? Kind.PLAIN : pick < 0.4 ? Kind.GRADIENT : Kind.ROOM;
    return of(kind, random);
  }

  public static Backdrop of(Kind kind, Random random) {
    Color wall = Appearance.vary(WALLS[random.nextInt(WALLS.length)], random, 15);
    Color wall2 = Appearance.vary(WALLS[random.nextInt(WALLS.length)], random, 15);
    Color floor = Appearance.vary(FLOORS[random.nextInt(FLOORS.length)], random, 15);
    double window = random.nextDouble(-2.5, 2.5);
    // The picture hangs clear of the window, on whichever side has more wall.
    double picture = window - Math.signum(window + 1e-9) * random.nextDouble(1.4, 2.6);
    return new Backdrop(kind, wall, wall2, floor, random.nextDouble(MIN_WALL_DISTANCE, MAX_WALL_DISTANCE), window,
        picture, texture(random));
  }

  public Kind kind() {
    return kind;
  }

  /** Grain that makes flat surfaces look like plaster, paint or carpet rather than a vector fill. */
  private static BufferedImage texture(Random random) {
    BufferedImage t = new BufferedImage(TEXTURE_SIZE, TEXTURE_SIZE, BufferedImage.TYPE_INT_ARGB);
    int strength = 8 + random.nextInt(20);
    for (int y = 0; y < TEXTURE_SIZE; y++) {
      for (int x = 0; x < TEXTURE_SIZE; x++) {
        int v = random.nextBoolean() ? 255 : 0;
        t.setRGB(x, y, (random.nextInt(strength) << 24) | (v << 16) | (v << 8) | v);
      }
    }
    return t;
  }

  public void paint(Graphics2D g, Camera camera, Lighting light) {
    int w = camera.width();
    int h = camera.height();
    switch (kind) {
      case PLAIN -> {
        g.setPaint(light.shade(wall, 0.7));
        g.fillRect(0, 0, w, h);
      }
      case GRADIENT -> {
        g.setPaint(new GradientPaint(0, 0, light.shade(wall, 0.9), w * 0.3f, h, light.shade(wall2, 0.3)));
        g.fillRect(0, 0, w, h);
      }
      case ROOM -> room(g, camera, light);
    }
    for (int y = 0; y < h; y += TEXTURE_SIZE) {
      for (int x = 0; x < w; x += TEXTURE_SIZE) {
        g.drawImage(texture, x, y, null);
      }
    }
  }

  private void room(Graphics2D g, Camera camera, Lighting light) {
    int w = camera.width();
    int h = camera.height();
    Projector p = camera.projector();
    Vec3 ahead = new Vec3(p.forward().x(), 0, p.forward().z()).normalized();
    Vec3 across = ahead.cross(new Vec3(0, 1, 0)).normalized();
    Vec3 base = new Vec3(camera.target().x(), 0, camera.target().z()).plus(ahead.times(wallDistance));
    double span = 8;
    g.setPaint(new GradientPaint(0, 0, light.shade(wall, 0.95), 0, h, light.shade(wall, 0.55)));
    g.fillRect(0, 0, w, h);
    // The floor: from the wall's foot towards the camera, as far as the camera's own feet.
    Vec3 nearCentre = new Vec3(p.eye().x(), 0, p.eye().z()).plus(ahead.times(0.3));
    Path2D.Double floorShape = new Path2D.Double();
    double[] a = p.project(base.plus(across.times(-span)));
    double[] b = p.project(base.plus(across.times(span)));
    double[] c = p.project(nearCentre.plus(across.times(span)));
    double[] d = p.project(nearCentre.plus(across.times(-span)));
    floorShape.moveTo(a[0], a[1]);
    floorShape.lineTo(b[0], b[1]);
    floorShape.lineTo(c[0], c[1]);
    floorShape.lineTo(d[0], d[1]);
    floorShape.closePath();
    g.setPaint(new GradientPaint(0, (float) Math.min(a[1], b[1]), light.shade(floor, 0.5), 0, h, light.shade(floor, 1.0)));
    g.fill(floorShape);
    g.setStroke(new BasicStroke(1f));
    g.setPaint(light.shade(floor.darker(), 0.6));
    for (double x = -span; x <= span; x += 0.18) {
      double[] f = p.project(base.plus(across.times(x)));
      double[] n = p.project(nearCentre.plus(across.times(x)));
      g.draw(new Line2D.Double(f[0], f[1], n[0], n[1]));
    }
    // Skirting board along the wall's foot.
    g.setPaint(light.shade(Color.WHITE, 0.7));
    double[] s1 = p.project(base.plus(across.times(-span)).plus(new Vec3(0, 0.1, 0)));
    double[] s2 = p.project(base.plus(across.times(span)).plus(new Vec3(0, 0.1, 0)));
    g.fill(new Polygon(new int[] {(int) a[0], (int) b[0], (int) s2[0], (int) s1[0]},
        new int[] {(int) a[1], (int) b[1], (int) s2[1], (int) s1[1]}, 4));
    rectangleOnWall(g, p, base, across, windowOffset, 1.0, 1.1, 1.3, light.shade(new Color(200, 225, 245), 1.0),
        light.shade(Color.WHITE, 0.8));
    rectangleOnWall(g, p, base, across, pictureOffset, 1.3, 0.5, 0.4, light.shade(wall2.darker(), 0.8),
        light.shade(new Color(60, 45, 30), 0.6));
  }

  private static void rectangleOnWall(Graphics2D g, Projector p, Vec3 base, Vec3 across, double offset, double bottom,
      double width, double height, Color fill, Color frame) {
    Vec3 o = base.plus(across.times(offset));
    double[][] q = {
        p.project(o.plus(across.times(-width / 2)).plus(new Vec3(0, bottom, 0))),
        p.project(o.plus(across.times(width / 2)).plus(new Vec3(0, bottom, 0))),
        p.project(o.plus(across.times(width / 2)).plus(new Vec3(0, bottom + height, 0))),
        p.project(o.plus(across.times(-width / 2)).plus(new Vec3(0, bottom + height, 0)))};
    Path2D.Double shape = new Path2D.Double();
    shape.moveTo(q[0][0], q[0][1]);
    for (int i = 1; i < 4; i++) {
      shape.lineTo(q[i][0], q[i][1]);
    }
    shape.closePath();
    g.setPaint(fill);
    g.fill(shape);
    g.setPaint(frame);
    g.setStroke(new BasicStroke((float) Math.max(1.5, p.scaleAt(q[0][2]) * 0.04)));
    g.draw(shape);
  }
}
