package io.repstream.counter.smoothing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExerciseVoteTest {
  private static final int FRAMES = 12;

  private static ExerciseVote vote() {
    return new ExerciseVote(FRAMES, 0.6, 0.45);
  }

  private static String feed(ExerciseVote v, String label, double p, int n) {
    String current = null;
    for (int i = 0; i < n; i++) {
      current = v.observe(label, p);
    }
    return current;
  }

  @Test
  void recognisesAnExerciseOnceItHoldsTheSwitchingShare() {
    ExerciseVote v = vote();
    assertThat(feed(v, "squat", 0.95, 7)).isNull();
    assertThat(feed(v, "squat", 0.95, 1)).isEqualTo("squat");
  }

  @Test
  void oneBadFrameOrThreeNeverChangeTheExercise() {
    ExerciseVote v = vote();
    feed(v, "squat", 0.9, FRAMES);
    assertThat(v.observe("push_up", 0.99)).isEqualTo("squat");
    feed(v, "squat", 0.9, 2);
    assertThat(feed(v, "lunge", 0.99, 3)).isEqualTo("squat");
  }

  @Test
  void switchesWhenAnotherExerciseWinsTheVote() {
    ExerciseVote v = vote();
    feed(v, "squat", 0.9, FRAMES);
    assertThat(feed(v, "push_up", 0.95, 7)).isEqualTo("squat");
    assertThat(feed(v, "push_up", 0.95, 1)).isEqualTo("push_up");
  }

  @Test
  void noneWinningMeansUnrecognised() {
    ExerciseVote v = vote();
    feed(v, "squat", 0.9, FRAMES);
    assertThat(feed(v, "none", 0.9, FRAMES)).isNull();
  }

  @Test
  void unsureLabelsFallBackToUnrecognised() {
    ExerciseVote v = vote();
    feed(v, "squat", 0.9, FRAMES);
    // The classifier keeps saying squat, but barely: a third of a vote per frame is not recognition.
    assertThat(feed(v, "squat", 0.3, FRAMES)).isNull();
  }
}
