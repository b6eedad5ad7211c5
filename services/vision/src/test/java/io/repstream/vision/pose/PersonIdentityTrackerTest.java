package io.repstream.vision.pose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.repstream.vision.pose.PersonIdentityTracker.TrackedPose;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PersonIdentityTrackerTest {
  /** A standing figure's joints in BodyPart order, as (x, y) shares of its height from its hip centre. */
  private static final double[][] FIGURE = {
      {0, -0.45}, {-0.03, -0.47}, {0.03, -0.47}, {-0.06, -0.46}, {0.06, -0.46},
      {-0.12, -0.33}, {0.12, -0.33}, {-0.16, -0.17}, {0.16, -0.17}, {-0.17, -0.02}, {0.17, -0.02},
      {-0.07, 0}, {0.07, 0}, {-0.08, 0.25}, {0.08, 0.25}, {-0.08, 0.5}, {0.08, 0.5}};

  /** A person of this height whose hips are at (x, y), all joints confident. */
  static Pose person(double x, double y, double height) {
    List<Keypoint> k = new ArrayList<>();
    double xMin = Double.MAX_VALUE;
    double yMin = Double.MAX_VALUE;
    double xMax = -Double.MAX_VALUE;
    double yMax = -Double.MAX_VALUE;
    for (BodyPart part : BodyPart.values()) {
      double px = x + FIGURE[part.ordinal()][0] * height;
      double py = y + FIGURE[part.ordinal()][1] * height;
      k.add(new Keypoint(part, px, py, 0.9));
      xMin = Math.min(xMin, px);
      yMin = Math.min(yMin, py);
      xMax = Math.max(xMax, px);
      yMax = Math.max(yMax, py);
    }
    return new Pose(k, new Pose.Box(xMin, yMin, xMax, yMax), 0.8);
  }

  private static int idOf(List<TrackedPose> tracked, Pose pose) {
    return tracked.stream().filter(t -> t.pose() == pose).findFirst().orElseThrow().id();
  }

  @Test
  void twoPeopleCrossingPathsKeepTheirIds() {
    PersonIdentityTracker tracker = new PersonIdentityTracker();
    int idA = -1;
    int idB = -1;
    boolean overlapped = false;
    for (int f = 0; f <= 16; f++) {
      Pose a = person(100 + 25 * f, 300, 200);
      Pose b = person(500 - 25 * f, 310, 190);
      overlapped |= PersonIdentityTracker.iou(a.box(), b.box()) > 0.8;
      // The model lists people in no fixed order.
      List<TrackedPose> tracked = tracker.update(f % 2 == 0 ? List.of(a, b) : List.of(b, a));
      if (f == 0) {
        idA = idOf(tracked, a);
        idB = idOf(tracked, b);
        assertNotEquals(idA, idB);
      }
      assertEquals(idA, idOf(tracked, a), "walker A at frame " + f);
      assertEquals(idB, idOf(tracked, b), "walker B at frame " + f);
    }
    assertTrue(overlapped, "the walkers' boxes must overlap almost fully where they cross");
  }

  @Test
  void someoneWhoAppearsAfterAPersonLeftGetsANewId() {
    PersonIdentityTracker tracker = new PersonIdentityTracker();
    int stayer = -1;
    int leaver = -1;
    for (int f = 0; f < 5; f++) {
      Pose s = person(150, 300, 200);
      Pose l = person(450 + 10 * f, 300, 200);
      List<TrackedPose> tracked = tracker.update(List.of(s, l));
      stayer = idOf(tracked, s);
      leaver = idOf(tracked, l);
    }
    for (int f = 0; f <= PersonIdentityTracker.MAX_MISSED_FRAMES; f++) {
      Pose s = person(150, 300, 200);
      assertEquals(stayer, tracker.update(List.of(s)).get(0).id());
    }
    assertFalse(tracker.isTracked(leaver), "the leaver is forgotten after " + PersonIdentityTracker.MAX_MISSED_FRAMES + " missed frames");
    // A newcomer where the leaver stood is someone new, and so is one entering elsewhere while everyone is in view.
    Pose newcomer = person(450, 300, 200);
    List<TrackedPose> tracked = tracker.update(List.of(person(150, 300, 200), newcomer));
    int newId = idOf(tracked, newcomer);
    assertNotEquals(leaver, newId);
    assertNotEquals(stayer, newId);
    Pose another = person(300, 120, 120);
    tracked = tracker.update(List.of(person(150, 300, 200), another, person(450, 300, 200)));
    assertEquals(List.of(stayer, idOf(tracked, another), newId), tracked.stream().map(TrackedPose::id).toList());
    assertNotEquals(newId, idOf(tracked, another));
    assertNotEquals(stayer, idOf(tracked, another));
  }

  @Test
  void aDetectionMissedForTwoFramesKeepsItsId() {
    PersonIdentityTracker tracker = new PersonIdentityTracker();
    int walker = -1;
    int other = -1;
    for (int f = 0; f < 10; f++) {
      Pose w = person(100 + 30 * f, 300, 200);
      Pose o = person(520, 300, 200);
      boolean missed = f == 4 || f == 5;
      List<TrackedPose> tracked = tracker.update(missed ? List.of(o) : List.of(o, w));
      if (f == 0) {
        walker = idOf(tracked, w);
        other = idOf(tracked, o);
      }
      assertEquals(other, idOf(tracked, o), "standing person at frame " + f);
      if (!missed) {
        assertEquals(walker, idOf(tracked, w), "walker at frame " + f);
      } else {
        assertTrue(tracker.isTracked(walker), "a walker missed for a frame or two is still tracked");
      }
    }
  }

  @Test
  void similarityIsHighForTheSamePoseAndNoneForFarApartPeople() {
    Pose p = person(200, 300, 200);
    assertEquals(1.0, PersonIdentityTracker.similarity(p, p), 1e-9);
    assertEquals(0.0, PersonIdentityTracker.similarity(p, person(600, 300, 200)), 1e-6);
    double near = PersonIdentityTracker.similarity(p, person(210, 300, 200));
    double further = PersonIdentityTracker.similarity(p, person(240, 300, 200));
    assertTrue(near > further && further > 0, near + " then " + further);
  }
}
