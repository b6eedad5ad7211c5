package io.repstream.counter.counting;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SetTrackerTest {
  private static final long REST = 20_000;

  @Test
  void restOrExerciseChangeStartsANewSet() {
    SetTracker s = new SetTracker();
    assertThat(s.place("squat", 0, 1_000, true, false, REST)).isEqualTo(1);
    assertThat(s.place("squat", 2_000, 3_000, true, false, REST)).isEqualTo(1);
    assertThat(s.repsInSet()).isEqualTo(2);
    assertThat(s.place("squat", 30_000, 31_000, true, false, REST)).isEqualTo(2);
    assertThat(s.repsInSet()).isEqualTo(1);
    assertThat(s.place("push_up", 32_000, 33_000, true, false, REST)).isEqualTo(3);
    assertThat(s.place("squat", 34_000, 35_000, false, true, REST)).isEqualTo(3);
    assertThat(s.repsInSet()).isEqualTo(1);
  }
}
