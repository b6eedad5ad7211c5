package io.repstream.counter.counting;

import static org.assertj.core.api.Assertions.assertThat;

import io.repstream.counter.synthetic.SyntheticParticipant;
import io.repstream.schemas.CountMethod;
import io.repstream.schemas.Prediction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PeriodicMotionCounterTest {
  /** The documented tolerance of the motion fallback: within one cycle per continuous bout of motion. */
  private static final int TOLERANCE = 1;

  private static List<Repetition> count(List<Prediction> predictions) {
    PeriodicMotionCounter counter = new PeriodicMotionCounter(4_000, 0.05, 0.3, 0.2, 400, 4_000);
    List<Repetition> reps = new ArrayList<>();
    for (Prediction p : predictions) {
      if (p.getPose() == null) {
        continue;
      }
      counter.add(p.getPose(), p.getCaptureTime().toEpochMilli());
      reps.addAll(counter.detect());
    }
    return reps;
  }

  @ParameterizedTest(name = "{0} cycles of {1} ms")
  @CsvSource({"10, 800", "12, 1500", "8, 3000", "20, 1000"})
  void countsCyclesOfMotionNoModelRecognised(int cycles, long cycleMillis) {
    SyntheticParticipant s = new SyntheticParticipant("x", cycles * 31 + cycleMillis);
    s.transition(Duration.ofSeconds(1)).unknownPeriodic(cycles, Duration.ofMillis(cycleMillis))
        .transition(Duration.ofSeconds(1));
    List<Repetition> reps = count(s.predictions());
    assertThat(reps.size()).isBetween(cycles - TOLERANCE, cycles + TOLERANCE);
    assertThat(reps).allSatisfy(r -> {
      assertThat(r.method()).isEqualTo(CountMethod.PERIODIC_MOTION);
      assertThat(r.confidence()).isGreaterThan(0.5);
    });
    // The first cycle's start is blurred by whatever moved before it; from then on the tempo is the true one.
    assertThat(reps.subList(1, reps.size())).allSatisfy(
        r -> assertThat(r.durationMillis()).isBetween(cycleMillis * 8 / 10, cycleMillis * 12 / 10));
  }

  @ParameterizedTest(name = "{0} reps of {1} ms from standing still")
  @CsvSource({"3, 2000", "4, 1500", "6, 2500"})
  void aBoutFromStillnessCountsItsFirstRep(int cycles, long cycleMillis) {
    SyntheticParticipant s = new SyntheticParticipant("w", cycles * 7 + cycleMillis);
    s.stand("none", Duration.ofSeconds(3)).unknownPeriodic(cycles, Duration.ofMillis(cycleMillis))
        .stand("none", Duration.ofSeconds(3));
    assertThat(count(s.predictions())).hasSize(cycles);
  }

  @Test
  void standingStillIsNotMotion() {
    SyntheticParticipant s = new SyntheticParticipant("y", 5);
    s.stand("none", Duration.ofSeconds(20));
    assertThat(count(s.predictions())).isEmpty();
  }

  @Test
  void aSingleMovementIsNotARep() {
    SyntheticParticipant s = new SyntheticParticipant("z", 6);
    s.stand("none", Duration.ofSeconds(3)).unknownPeriodic(1, Duration.ofMillis(1500)).stand("none", Duration.ofSeconds(5));
    long boutStart = s.now().toEpochMilli();
    s.unknownPeriodic(6, Duration.ofMillis(1500)).stand("none", Duration.ofSeconds(5));
    List<Repetition> reps = count(s.predictions());
    assertThat(reps).allSatisfy(r -> assertThat(r.endTime()).as("nothing from the stray movement")
        .isGreaterThan(boutStart));
    assertThat(reps.size()).isBetween(6 - TOLERANCE, 6 + TOLERANCE);
  }
}
