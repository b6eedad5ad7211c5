package io.repstream.counter.counting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.repstream.counter.catalogue.ExerciseProfile;
import io.repstream.schemas.Phase;
import org.junit.jupiter.api.Test;

class HoldTimerTest {
  private static final ExerciseProfile PLANK = ExerciseProfile.hold("plank", 1_000);

  @Test
  void countsTheWholeHoldOnceItLastedTheDwellButNotAcrossAHole() {
    HoldTimer h = new HoldTimer();
    double seconds = 0;
    for (long t = 0; t <= 10_000; t += 100) {
      seconds += h.observe(Phase.HOLD, t, PLANK, 2_000);
    }
    assertThat(seconds).isCloseTo(10.0, within(1e-9));
    seconds += h.observe(Phase.HOLD, 15_000, PLANK, 2_000);
    assertThat(seconds).isCloseTo(10.0, within(1e-9));
    for (long t = 15_100; t <= 15_500; t += 100) {
      seconds += h.observe(Phase.HOLD, t, PLANK, 2_000);
    }
    assertThat(seconds).as("a half-second hold is not believed").isCloseTo(10.0, within(1e-9));
  }
}
