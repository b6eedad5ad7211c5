package io.repstream.synth.camera;

import io.repstream.synth.body.BodyProportions;
import io.repstream.synth.body.BodyProportions.Segment;
import io.repstream.synth.body.Joint;
import io.repstream.synth.body.Skeleton;
import io.repstream.synth.body.Vec3;
import java.util.List;

/**
 * Projects a skeleton's COCO keypoints into a camera's picture and works out which of them the body itself
 * hides: a keypoint is occluded when a body part not attached to it covers it in the picture and lies nearer
 * to the camera.
 */
public final class PoseProjection {
  /** How much nearer an occluding part must be, metres, so that touching parts do not hide each other. */
  static final double OCCLUSION_MARGIN = 0.04;
  /** A face point whose direction from the head's centre is this far from the camera's is out of sight. */
  static final double FAR_SIDE_OF_HEAD = -0.15;

  private record Part(Joint a, Joint b, double radius) {}

  private final Camera camera;
  private final Projector projector;
  private final List<Part> parts;

  public PoseProjection(Camera camera, BodyProportions body) {
    this.camera = camera;
    this.projector = camera.projector();
    double torso = body.radius(Segment.TORSO);
    this.parts = List.of(
        new Part(Joint.NECK, Joint.PELVIS, torso),
        new Part(Joint.LEFT_SHOULDER, Joint.LEFT_HIP, 0.7 * torso),
        new Part(Joint.RIGHT_SHOULDER, Joint.RIGHT_HIP, 0.7 * torso),
        new Part(Joint.HEAD_CENTER, Joint.HEAD_CENTER, body.headRadius()),
        new Part(Joint.LEFT_SHOULDER, Joint.LEFT_ELBOW, body.radius(Segment.UPPER_ARM)),
        new Part(Joint.RIGHT_SHOULDER, Joint.RIGHT_ELBOW, body.radius(Segment.UPPER_ARM)),
        new Part(Joint.LEFT_ELBOW, Joint.LEFT_WRIST, body.radius(Segment.FOREARM)),
        new Part(Joint.RIGHT_ELBOW, Joint.RIGHT_WRIST, body.radius(Segment.FOREARM)),
        new Part(Joint.LEFT_HIP, Joint.LEFT_KNEE, body.radius(Segment.THIGH)),
        new Part(Joint.RIGHT_HIP, Joint.RIGHT_KNEE, body.radius(Segment.THIGH)),
        new Part(Joint.LEFT_KNEE, Joint.LEFT_ANKLE, body.radius(Segment.SHIN)),
        new Part(Joint.RIGHT_KNEE, Joint.RIGHT_ANKLE, body.radius(Segment.SHIN)));
  }

  public Camera camera() {
    return camera;
  }

  public ProjectedPose project(Skeleton s) {
    int n = Joint.COCO_COUNT;
    double[] x = new double[n];
    double[] y = new double[n];
    boolean[] inFrame = new boolean[n];
    boolean[] occluded = new boolean[n];
    double[][] pixel = new double[Joint.values().length][];
    for (Joint j : Joint.values()) {
      pixel[j.ordinal()] = projector.project(s.get(j));
    }
    for (Joint j : Joint.coco()) {
      double[] p = pixel[j.ordinal()];
      int i = j.ordinal();
      x[i] = p[0] / camera.width();
      y[i] = p[1] / camera.height();
      inFrame[i] = p[2] > 0 && x[i] >= 0 && x[i] <= 1 && y[i] >= 0 && y[i] <= 1;
      occluded[i] = hidden(j, p, pixel) || (isFace(j) && onFarSideOfHead(s, j));
    }
    return new ProjectedPose(x, y, inFrame, occluded);
  }

  private static boolean isFace(Joint joint) {
    return joint.ordinal() <= Joint.RIGHT_EAR.ordinal();
  }

  /** Eyes, ears and nose turned away from the camera are hidden by the head itself. */
  private boolean onFarSideOfHead(Skeleton s, Joint joint) {
    Vec3 centre = s.get(Joint.HEAD_CENTER);
    Vec3 out = s.get(joint).minus(centre).normalized();
    return out.dot(projector.eye().minus(centre).normalized()) < FAR_SIDE_OF_HEAD;
  }

  private boolean hidden(Joint joint, double[] p, double[][] pixel) {
    boolean onHead = isFace(joint);
    for (Part part : parts) {
      if (part.a == joint || part.b == joint || (onHead && part.a == Joint.HEAD_CENTER)) {
        continue;
      }
      double[] a = pixel[part.a.ordinal()];
      double[] b = pixel[part.b.ordinal()];
      double dx = b[0] - a[0];
      double dy = b[1] - a[1];
      double len2 = dx * dx + dy * dy;
      double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
      double depth = a[2] + t * (b[2] - a[2]);
      double radius = part.radius * projector.scaleAt(depth);
      double dist = Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
      if (dist < radius && depth + OCCLUSION_MARGIN < p[2]) {
        return true;
      }
    }
    return false;
  }
}
