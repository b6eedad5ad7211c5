package io.repstream.synth.render;

import io.repstream.synth.body.BodyProportions;
import io.repstream.synth.body.BodyProportions.Segment;
import io.repstream.synth.body.Joint;
import io.repstream.synth.body.Skeleton;
import io.repstream.synth.body.Vec3;
import io.repstream.synth.camera.Projector;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.Shape;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Draws a mannequin as shaded capsules (limbs), a rounded torso, and a head with hair, eyes, nose, mouth and
 * ears, farthest part first, so that it reads as a person in clothes from any camera angle.
 */
public final class MannequinPainter {
  /** Torso pieces' thickness, relative to stature and scaled by build. */
  static final double SPINE_RADIUS = 0.062;
  static final double FLANK_RADIUS = 0.048;
  static final double SHOULDER_RADIUS = 0.042;
  static final double HIP_RADIUS = 0.058;
  /** How far above the hip joints the waistband sits, relative to stature. */
  static final double WAIST_RISE = 0.03;
  static final Color BAR_COLOUR = new Color(150, 150, 158);
  static final double BAR_OVERHANG = 0.35;
  static final double BAR_RADIUS = 0.016;

  private final BodyProportions body;
  private final Appearance look;
  private final Lighting light;

  public MannequinPainter(BodyProportions body, Appearance look, Lighting light) {
    this.body = body;
    this.look = look;
    this.light = light;
  }

  /** A drawable piece with the depth it is sorted by. */
  private record Piece(double depth, Runnable draw) {}

  public void paint(Graphics2D g, Skeleton s, Projector p, double barHeight) {
    List<Piece> pieces = new ArrayList<>();
    for (boolean left : new boolean[] {true, false}) {
      Color sleeve = look.shirt();
      limb(pieces, g, s, p, side(Joint.LEFT_SHOULDER, left), side(Joint.LEFT_ELBOW, left), Segment.UPPER_ARM, sleeve);
      limb(pieces, g, s, p, side(Joint.LEFT_ELBOW, left), side(Joint.LEFT_WRIST, left), Segment.FOREARM,
          look.longSleeves() ? look.shirt() : look.skin());
      limb(pieces, g, s, p, side(Joint.LEFT_WRIST, left), side(Joint.LEFT_HAND, left), Segment.HAND, look.skin());
      limb(pieces, g, s, p, side(Joint.LEFT_HIP, left), side(Joint.LEFT_KNEE, left), Segment.THIGH, look.pants());
      limb(pieces, g, s, p, side(Joint.LEFT_KNEE, left), side(Joint.LEFT_ANKLE, left), Segment.SHIN,
          look.longPants() ? look.pants() : look.skin());
      limb(pieces, g, s, p, side(Joint.LEFT_HEEL, left), side(Joint.LEFT_TOE, left), Segment.FOOT, look.shoes());
      limb(pieces, g, s, p, side(Joint.LEFT_ANKLE, left), side(Joint.LEFT_HEEL, left), Segment.FOOT, look.shoes());
    }
    Vec3 neckTop = Vec3.lerp(s.get(Joint.NECK), s.get(Joint.HEAD_CENTER), 0.6);
    pieces.add(capsulePiece(g, p, s.get(Joint.NECK), neckTop, body.radius(Segment.NECK), look.skin()));
    pieces.add(torsoPiece(g, s, p));
    pieces.add(new Piece(p.project(s.get(Joint.HEAD_CENTER))[2], () -> head(g, s, p)));
    if (!Double.isNaN(barHeight)) {
      Vec3 l = s.get(Joint.LEFT_HAND);
      Vec3 r = s.get(Joint.RIGHT_HAND);
      Vec3 along = l.minus(r).normalized().times(BAR_OVERHANG);
      Vec3 a = new Vec3(l.x(), barHeight, l.z()).plus(along);
      Vec3 b = new Vec3(r.x(), barHeight, r.z()).minus(along);
      pieces.add(capsulePiece(g, p, a, b, BAR_RADIUS, BAR_COLOUR));
    }
    pieces.sort(Comparator.comparingDouble(Piece::depth).reversed());
    pieces.forEach(piece -> piece.draw.run());
  }

  private static Joint side(Joint left, boolean isLeft) {
    return isLeft ? left : left.mirror();
  }

  private void limb(List<Piece> pieces, Graphics2D g, Skeleton s, Projector p, Joint a, Joint b, Segment seg,
      Color colour) {
    pieces.add(capsulePiece(g, p, s.get(a), s.get(b), body.radius(seg), colour));
  }

  private Piece capsulePiece(Graphics2D g, Projector p, Vec3 a, Vec3 b, double radius, Color colour) {
    double[] pa = p.project(a);
    double[] pb = p.project(b);
    return new Piece((pa[2] + pb[2]) / 2, () -> {
      double ra = radius * p.scaleAt(pa[2]);
      double rb = radius * p.scaleAt(pb[2]);
      double r = (ra + rb) / 2;
      Shape shape = new BasicStroke((float) (2 * r), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)
          .createStrokedShape(new Line2D.Double(pa[0], pa[1], pb[0], pb[1]));
      fillShaded(g, shape, pa, pb, r, colour);
    });
  }

  private Piece torsoPiece(Graphics2D g, Skeleton s, Projector p) {
    double h = body.height() * body.build();
    double[] neck = p.project(Vec3.lerp(s.get(Joint.NECK), s.get(Joint.PELVIS), 0.08));
    double[] pelvis = p.project(s.get(Joint.PELVIS));
    double depth = (neck[2] + pelvis[2]) / 2;
    return new Piece(depth, () -> {
      Area shirt = new Area();
      shirt.add(capsule(p, Vec3.lerp(s.get(Joint.NECK), s.get(Joint.PELVIS), 0.12), s.get(Joint.PELVIS),
          SPINE_RADIUS * h));
      shirt.add(capsule(p, s.get(Joint.LEFT_SHOULDER), s.get(Joint.LEFT_HIP), FLANK_RADIUS * h));
      shirt.add(capsule(p, s.get(Joint.RIGHT_SHOULDER), s.get(Joint.RIGHT_HIP), FLANK_RADIUS * h));
      shirt.add(capsule(p, s.get(Joint.LEFT_SHOULDER), s.get(Joint.RIGHT_SHOULDER), SHOULDER_RADIUS * h));
      double width = Math.max(4, SPINE_RADIUS * h * p.scaleAt(depth) * 2.2);
      fillShaded(g, shirt, neck, pelvis, width, look.shirt());
      Vec3 up = s.get(Joint.NECK).minus(s.get(Joint.PELVIS)).normalized().times(WAIST_RISE * h);
      Area shorts = capsule(p, s.get(Joint.LEFT_HIP).plus(up), s.get(Joint.RIGHT_HIP).plus(up), HIP_RADIUS * h);
      shorts.add(capsule(p, s.get(Joint.LEFT_HIP), s.get(Joint.RIGHT_HIP), HIP_RADIUS * h));
      fillShaded(g, shorts, neck, pelvis, width, look.pants());
    });
  }

  private static Area capsule(Projector p, Vec3 a, Vec3 b, double radius) {
    double[] pa = p.project(a);
    double[] pb = p.project(b);
    double r = radius * p.scaleAt((pa[2] + pb[2]) / 2);
    return new Area(new BasicStroke((float) (2 * r), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)
        .createStrokedShape(new Line2D.Double(pa[0], pa[1], pb[0], pb[1])));
  }

  /** Fills with a gradient across the axis pa-pb: lit on the side facing the key light, darker opposite. */
  private void fillShaded(Graphics2D g, Shape shape, double[] pa, double[] pb, double halfWidth, Color colour) {
    double dx = pb[0] - pa[0];
    double dy = pb[1] - pa[1];
    double len = Math.hypot(dx, dy);
    double[] toLight = light.towardsLight();
    double nx;
    double ny;
    if (len < 1e-3) {
      nx = toLight[0];
      ny = toLight[1];
    } else {
      nx = -dy / len;
      ny = dx / len;
      if (nx * toLight[0] + ny * toLight[1] < 0) {
        nx = -nx;
        ny = -ny;
      }
    }
    double cx = (pa[0] + pb[0]) / 2;
    double cy = (pa[1] + pb[1]) / 2;
    float hw = (float) Math.max(1, halfWidth);
    g.setPaint(new GradientPaint((float) (cx + nx * hw * 0.8), (float) (cy + ny * hw * 0.8), light.shade(colour, 1.0),
        (float) (cx - nx * hw), (float) (cy - ny * hw), light.shade(colour, 0.05)));
    g.fill(shape);
  }

  private void head(Graphics2D g, Skeleton s, Projector p) {
    Vec3 centre = s.get(Joint.HEAD_CENTER);
    double[] c = p.project(centre);
    double r = body.headRadius() * p.scaleAt(c[2]);
    Vec3 forward = s.get(Joint.NOSE).minus(centre).normalized();
    Vec3 up = centre.minus(s.get(Joint.NECK)).normalized();
    Vec3 toCamera = p.eye().minus(centre).normalized();
    double facing = forward.dot(toCamera);
    double[] toLight = light.towardsLight();

    Ellipse2D skull = new Ellipse2D.Double(c[0] - r, c[1] - r * 1.08, 2 * r, 2.16 * r);
    g.setPaint(radial(c[0] + toLight[0] * r * 0.4, c[1] + toLight[1] * r * 0.4, r * 1.6, look.hair()));
    g.fill(skull);
    if (look.longHair()) {
      Vec3 nape = centre.minus(forward.times(body.headRadius() * 0.6)).minus(up.times(body.headRadius() * 1.1));
      double[] n = p.project(nape);
      g.setPaint(look.hair().darker());
      g.setStroke(new BasicStroke((float) (r * 1.1), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      g.draw(new Line2D.Double(c[0], c[1], n[0], n[1]));
    }
    if (facing > -0.35) {
      Vec3 faceCentre = centre.plus(forward.times(body.headRadius() * 0.42)).minus(up.times(body.headRadius() * 0.18));
      double[] f = p.project(faceCentre);
      double fr = r * 0.86;
      Area face = new Area(new Ellipse2D.Double(f[0] - fr, f[1] - fr * 1.05, 2 * fr, 2.1 * fr));
      face.intersect(new Area(skull));
      g.setPaint(radial(f[0] + toLight[0] * fr * 0.4, f[1] + toLight[1] * fr * 0.4, fr * 1.7, look.skin()));
      g.fill(face);
    }
    for (Joint ear : new Joint[] {Joint.LEFT_EAR, Joint.RIGHT_EAR}) {
      Vec3 e = s.get(ear);
      if (e.minus(centre).normalized().dot(toCamera) > -0.1) {
        double[] pe = p.project(e);
        g.setPaint(light.shade(look.skin(), 0.5));
        g.fill(new Ellipse2D.Double(pe[0] - r * 0.14, pe[1] - r * 0.26, r * 0.28, r * 0.52));
      }
    }
    if (facing > 0.05) {
      Color eyeColour = new Color(35, 25, 20);
      for (Joint eye : new Joint[] {Joint.LEFT_EYE, Joint.RIGHT_EYE}) {
        Vec3 e = s.get(eye);
        if (e.minus(centre).normalized().dot(toCamera) > 0.1) {
          double[] pe = p.project(e);
          g.setPaint(Color.WHITE);
          g.fill(new Ellipse2D.Double(pe[0] - r * 0.17, pe[1] - r * 0.09, r * 0.34, r * 0.18));
          g.setPaint(eyeColour);
          g.fill(new Ellipse2D.Double(pe[0] - r * 0.08, pe[1] - r * 0.08, r * 0.16, r * 0.16));
          Vec3 brow = e.plus(up.times(body.headRadius() * 0.2));
          double[] pb = p.project(brow);
          g.setPaint(look.hair().darker());
          g.setStroke(new BasicStroke((float) Math.max(1, r * 0.07)));
          g.draw(new Line2D.Double(pb[0] - r * 0.16, pb[1], pb[0] + r * 0.16, pb[1]));
        }
      }
      double[] nose = p.project(s.get(Joint.NOSE));
      g.setPaint(light.shade(look.skin(), 0.25));
      g.fill(new Ellipse2D.Double(nose[0] - r * 0.1, nose[1] - r * 0.06, r * 0.2, r * 0.14));
      Vec3 mouth = centre.plus(forward.times(body.headRadius() * 0.92)).minus(up.times(body.headRadius() * 0.5));
      g.setPaint(new Color(150, 60, 60));
      g.setStroke(new BasicStroke((float) Math.max(1, r * 0.08), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      Vec3 side = forward.cross(up).normalized().times(body.headRadius() * 0.25);
      double[] m1 = p.project(mouth.plus(side));
      double[] m2 = p.project(mouth.minus(side));
      g.draw(new Line2D.Double(m1[0], m1[1], m2[0], m2[1]));
    }
  }

  private RadialGradientPaint radial(double x, double y, double radius, Color colour) {
    return new RadialGradientPaint((float) x, (float) y, (float) Math.max(1, radius), new float[] {0f, 1f},
        new Color[] {light.shade(colour, 1.0), light.shade(colour, 0.1)});
  }
}
