package io.repstream.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.repstream.vision.pose.BodyPart;
import io.repstream.vision.pose.Keypoint;
import io.repstream.vision.pose.Pose;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whom a participant's frames report when the multi-person model sees more than one person in their tile. */
class MainPersonTrackerTest {
  private static final int WIDTH = 640;
  private static final int HEIGHT = 480;

  /** A person as a box of joints spread over it, hips at (x, y), with this overall score. */
  private static Pose person(double x, double y, double height, double score) {
    List<Keypoint> k = new ArrayList<>();
    for (BodyPart part : BodyPart.values()) {
      double t = part.ordinal() / (BodyPart.COUNT - 1.0);
      double dx = (part.ordinal() % 2 == 0 ? -0.15 : 0.15) * height;
      k.add(new Keypoint(part, x + dx, y + (t - 0.6) * height, 0.9));
    }
    return new Pose(k, new Pose.Box(x - 0.15 * height, y - 0.6 * height, x + 0.15 * height, y + 0.4 * height), score);
  }

  @Test
  void aPasserByWithAHigherScoreDoesNotTakeTheParticipantsPlace() {
    MainPersonTracker main = new MainPersonTracker();
    Pose student = person(320, 300, 300, 0.5);
    assertThat(main.next(List.of(student), WIDTH, HEIGHT)).isSameAs(student);
    for (int f = 0; f < 12; f++) {
      Pose s = person(320 + (f % 2) * 4, 300, 300, 0.5);
      Pose passer = person(40 + 50 * f, 260, 260, 0.9);
      assertThat(main.next(f % 2 == 0 ? List.of(passer, s) : List.of(s, passer), WIDTH, HEIGHT))
          .as("frame %d", f).isSameAs(s);
    }
  }

  @Test
  void theMostProminentPersonIsChosenFirstNotTheMostConfident() {
    MainPersonTracker main = new MainPersonTracker();
    Pose small = person(80, 150, 120, 0.9);
    Pose large = person(330, 280, 320, 0.4);
    assertThat(main.next(List.of(small, large), WIDTH, HEIGHT)).isSameAs(large);
  }

  @Test
  void whileTheParticipantIsBrieflyMissedNobodyElseIsReported() {
    MainPersonTracker main = new MainPersonTracker();
    main.next(List.of(person(320, 300, 300, 0.5), person(100, 250, 200, 0.8)), WIDTH, HEIGHT);
    assertThat(main.next(List.of(person(100, 250, 200, 0.8)), WIDTH, HEIGHT)).isNull();
    Pose back = person(322, 300, 300, 0.5);
    assertThat(main.next(List.of(person(100, 250, 200, 0.8), back), WIDTH, HEIGHT)).isSameAs(back);
  }

  @Test
  void onceTheParticipantIsGoneTheMostProminentPersonInViewIsFollowed() {
    MainPersonTracker main = new MainPersonTracker();
    main.next(List.of(person(320, 300, 300, 0.5)), WIDTH, HEIGHT);
    Pose other = person(200, 280, 250, 0.6);
    Pose reported = null;
    for (int f = 0; f <= 6; f++) {
      reported = main.next(List.of(other), WIDTH, HEIGHT);
    }
    assertThat(reported).isSameAs(other);
    assertThat(main.next(List.of(), WIDTH, HEIGHT)).isNull();
  }
}
