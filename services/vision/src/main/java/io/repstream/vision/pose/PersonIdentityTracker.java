package io.repstream.vision.pose;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * Gives the people a multi-person model finds in consecutive frames of one stream stable ids. Each track's last
 * pose is moved on by its last step (people keep walking the way they walked; the step is that of the torso joints,
 * not of the box, whose centre jumps when the legs drop out of view), then poses and tracks are paired
 * greedily, most similar first, by a mix of box overlap (IoU) and keypoint closeness (an OKS-like score). A pose left
 * unpaired starts a new id; a track left unpaired survives a few missed frames, so a detection the model drops for a
 * frame or two keeps its id, and is then forgotten: whoever appears after that is someone new. One tracker per
 * stream; not thread-safe.
 */
public final class PersonIdentityTracker {
  /** Frames a track may go unseen before its person counts as gone; half a second at ingest's default 10 fps. */
  static final int MAX_MISSED_FRAMES = 5;
  /** A pose and a track pair only above this similarity (0..1); below it the pose is someone new. */
  static final double MIN_MATCH_SIMILARITY = 0.2;
  /** Share of box IoU in the similarity; the rest is keypoint closeness. */
  static final double IOU_WEIGHT = 0.5;
  /**
   * How far a joint may move, as a share of the person's size, before it stops counting as the same joint: one
   * constant for all joints, near the mean of COCO's per-joint OKS constants.
   */
  static final double KEYPOINT_FALLOFF = 0.1;
  /** A joint below this score on either side is left out of the keypoint closeness. */
  static final double MIN_KEYPOINT_SCORE = 0.2;

  private static final List<BodyPart> TORSO =
      List.of(BodyPart.LEFT_SHOULDER, BodyPart.RIGHT_SHOULDER, BodyPart.LEFT_HIP, BodyPart.RIGHT_HIP);

  /** A pose with the id of the person it belongs to. */
  public record TrackedPose(int id, Pose pose) {}

  private static final class Track {
    final int id;
    Pose last;
    double stepX;
    double stepY;
    int missed;

    Track(int id, Pose pose) {
      this.id = id;
      this.last = pose;
    }

    /** The last pose moved on by the last step once for every frame since it was seen. */
    Pose predicted() {
      int frames = missed + 1;
      return translate(last, stepX * frames, stepY * frames);
    }

    void see(Pose pose) {
      int frames = missed + 1;
      double dx = 0;
      double dy = 0;
      int seen = 0;
      for (BodyPart part : TORSO) {
        Keypoint before = last.keypoint(part);
        Keypoint now = pose.keypoint(part);
        if (before.score() >= MIN_KEYPOINT_SCORE && now.score() >= MIN_KEYPOINT_SCORE) {
          dx += now.x() - before.x();
          dy += now.y() - before.y();
          seen++;
        }
      }
      stepX = seen == 0 ? 0 : dx / seen / frames;
      stepY = seen == 0 ? 0 : dy / seen / frames;
      last = pose;
      missed = 0;
    }
  }

  private record Pair(int pose, Track track, double similarity) {}

  private final List<Track> tracks = new ArrayList<>();
  private int nextId = 1;

  /** The poses of the next frame with their ids, in the order given. */
  public List<TrackedPose> update(List<Pose> poses) {
    List<Pair> pairs = new ArrayList<>();
    for (Track t : tracks) {
      Pose expected = t.predicted();
      for (int i = 0; i < poses.size(); i++) {
        double s = similarity(expected, poses.get(i));
        if (s >= MIN_MATCH_SIMILARITY) {
          pairs.add(new Pair(i, t, s));
        }
      }
    }
    pairs.sort(Comparator.comparingDouble(Pair::similarity).reversed());
    Track[] owner = new Track[poses.size()];
    List<Track> paired = new ArrayList<>();
    for (Pair p : pairs) {
      if (owner[p.pose()] == null && !paired.contains(p.track())) {
        owner[p.pose()] = p.track();
        paired.add(p.track());
      }
    }
    for (Iterator<Track> it = tracks.iterator(); it.hasNext(); ) {
      Track t = it.next();
      if (!paired.contains(t) && ++t.missed > MAX_MISSED_FRAMES) {
        it.remove();
      }
    }
    List<TrackedPose> out = new ArrayList<>(poses.size());
    for (int i = 0; i < poses.size(); i++) {
      Pose pose = poses.get(i);
      Track t = owner[i];
      if (t == null) {
        t = new Track(nextId++, pose);
        tracks.add(t);
      } else {
        t.see(pose);
      }
      out.add(new TrackedPose(t.id, pose));
    }
    return out;
  }

  /** Whether the person with this id is still tracked: seen in one of the last {@link #MAX_MISSED_FRAMES} frames. */
  public boolean isTracked(int id) {
    return tracks.stream().anyMatch(t -> t.id == id);
  }

  static double similarity(Pose a, Pose b) {
    return IOU_WEIGHT * iou(a.box(), b.box()) + (1 - IOU_WEIGHT) * keypointCloseness(a, b);
  }

  static double iou(Pose.Box a, Pose.Box b) {
    double w = Math.min(a.xMax(), b.xMax()) - Math.max(a.xMin(), b.xMin());
    double h = Math.min(a.yMax(), b.yMax()) - Math.max(a.yMin(), b.yMin());
    if (w <= 0 || h <= 0) {
      return 0;
    }
    double overlap = w * h;
    return overlap / (area(a) + area(b) - overlap);
  }

  /** Mean over joints both poses see of exp(-d^2 / (2 s^2 k^2)), s^2 the first pose's box area. */
  static double keypointCloseness(Pose a, Pose b) {
    double scale = area(a.box());
    if (scale <= 0) {
      return 0;
    }
    double sum = 0;
    int seen = 0;
    for (int i = 0; i < BodyPart.COUNT; i++) {
      Keypoint ka = a.keypoints().get(i);
      Keypoint kb = b.keypoints().get(i);
      if (ka.score() >= MIN_KEYPOINT_SCORE && kb.score() >= MIN_KEYPOINT_SCORE) {
        double dx = ka.x() - kb.x();
        double dy = ka.y() - kb.y();
        sum += Math.exp(-(dx * dx + dy * dy) / (2 * scale * KEYPOINT_FALLOFF * KEYPOINT_FALLOFF));
        seen++;
      }
    }
    return seen == 0 ? 0 : sum / seen;
  }

  private static double area(Pose.Box b) {
    return Math.max(0, b.xMax() - b.xMin()) * Math.max(0, b.yMax() - b.yMin());
  }

  private static Pose translate(Pose p, double dx, double dy) {
    if (dx == 0 && dy == 0) {
      return p;
    }
    List<Keypoint> moved = new ArrayList<>(p.keypoints().size());
    for (Keypoint k : p.keypoints()) {
      moved.add(new Keypoint(k.part(), k.x() + dx, k.y() + dy, k.score()));
    }
    Pose.Box b = p.box();
    return new Pose(moved, new Pose.Box(b.xMin() + dx, b.yMin() + dy, b.xMax() + dx, b.yMax() + dy), p.score());
  }
}
