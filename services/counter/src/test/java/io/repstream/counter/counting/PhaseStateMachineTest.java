package io.repstream.counter.counting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.repstream.counter.catalogue.ExerciseCatalogue;
import io.repstream.counter.catalogue.ExerciseProfile;
import io.repstream.schemas.Phase;
import io.repstream.schemas.RepKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhaseStateMachineTest {
  private static final long FRAME = 50;
  private static final long MAX_GAP = 2_000;
  private static final ExerciseProfile SQUAT = ExerciseProfile.reps("squat", 100, 600, 8_000, 0.6);
  private static final ExerciseProfile CURL = ExerciseProfile.reps("biceps_curl", 100, 600, 8_000, 0.6);
  private static final ExerciseProfile UNNAMED = ExerciseCatalogue.standard().profile(ExerciseCatalogue.UNRECOGNISED);

  private final PhaseStateMachine machine = new PhaseStateMachine();
  private final List<Repetition> reps = new ArrayList<>();
  private long time;
  /** The profile of the exercise the vote names, as the participant's counter passes it with each frame. */
  private ExerciseProfile named = SQUAT;

  private void run(Phase phase, double depth, long millis) {
    for (long t = 0; t < millis; t += FRAME) {
      Repetition r = machine.observe(phase, depth, 0.9, time, named, MAX_GAP);
      if (r != null) {
        reps.add(r);
      }
      time += FRAME;
    }
  }

  private void fullRep(long phaseMillis) {
    run(Phase.MOVING, 0.5, phaseMillis);
    run(Phase.BOTTOM, 1.0, phaseMillis);
    run(Phase.MOVING, 0.5, phaseMillis);
    run(Phase.TOP, 0.0, phaseMillis);
  }

  @Test
  void topBottomTopIsOneCountedRep() {
    run(Phase.TOP, 0, 500);
    fullRep(300);
    assertThat(reps).singleElement().satisfies(r -> {
      assertThat(r.kind()).isEqualTo(RepKind.COUNTED);
      assertThat(r.durationMillis()).isEqualTo(900);
      assertThat(r.rangeOfMotion()).isEqualTo(1.0);
    });
  }

  @Test
  void turningBackBeforeTheBottomIsPartial() {
    run(Phase.TOP, 0, 500);
    run(Phase.MOVING, 0.45, 800);
    run(Phase.TOP, 0, 500);
    assertThat(reps).singleElement().extracting(Repetition::kind).isEqualTo(RepKind.PARTIAL);
  }

  @Test
  void aBottomTooBriefToBelieveCountsWhenTheDepthSignalReachedIt() {
    run(Phase.TOP, 0, 500);
    run(Phase.MOVING, 0.5, 300);
    // Before any full rep, a turn-back at mid-depth is partial however regular it is.
    run(Phase.MOVING, PhaseStateMachine.BOTTOM_DEPTH - 0.1, FRAME);
    run(Phase.MOVING, 0.5, 300);
    run(Phase.TOP, 0, 300);
    run(Phase.MOVING, 0.5, 300);
    // One frame in which the model puts 0.6 on the bottom and 0.4 on moving: its top phase is still MOVING.
    run(Phase.MOVING, 0.8, FRAME);
    run(Phase.MOVING, 0.5, 300);
    run(Phase.TOP, 0, 300);
    assertThat(reps).extracting(Repetition::kind).containsExactly(RepKind.PARTIAL, RepKind.COUNTED);
  }

  /** Away from the top and back, the depth signal peaking at {@code depth} for one frame; BOTTOM never believed. */
  private void repPeakingAt(double depth) {
    run(Phase.MOVING, 0.3, 300);
    run(Phase.MOVING, depth, FRAME);
    run(Phase.MOVING, 0.3, 300);
    run(Phase.TOP, 0, 300);
  }

  @Test
  void afterAFullRepARepGoingTheExercisesShareOfItsDepthCountsThoughTheModelNeverCalledItBottom() {
    run(Phase.TOP, 0, 500);
    // A sit-up as the starter model sees it: the bottom's belief stays under half, the depth signal peaks at 0.5-0.8.
    repPeakingAt(0.55);
    repPeakingAt(0.8);
    repPeakingAt(0.8 * SQUAT.minRangeOfMotion() + 0.02);
    repPeakingAt(0.8 * SQUAT.minRangeOfMotion() - 0.02);
    assertThat(reps).extracting(Repetition::kind)
        .containsExactly(RepKind.PARTIAL, RepKind.COUNTED, RepKind.COUNTED, RepKind.PARTIAL);
  }

  @Test
  void whenTheStreamEndsARepWhoseTopTheVoteSawCountsThoughTheDwellHadNotPassed() {
    long tenFps = 100;
    ExerciseProfile slowToBelieve = ExerciseProfile.reps("squat", 300, 600, 8_000, 0.6);
    Phase[] frames = {Phase.TOP, Phase.TOP, Phase.TOP, Phase.TOP, Phase.TOP, Phase.MOVING, Phase.MOVING, Phase.MOVING,
        Phase.MOVING, Phase.BOTTOM, Phase.BOTTOM, Phase.BOTTOM, Phase.BOTTOM, Phase.BOTTOM, Phase.MOVING, Phase.MOVING,
        Phase.MOVING, Phase.MOVING, Phase.TOP, Phase.TOP};
    for (Phase p : frames) {
      assertThat(machine.observe(p, p == Phase.BOTTOM ? 1 : p == Phase.MOVING ? 0.5 : 0, 0.9, time, slowToBelieve, MAX_GAP))
          .isNull();
      time += tenFps;
    }
    Repetition last = machine.streamEnded(slowToBelieve);
    assertThat(last).isNotNull();
    assertThat(last.kind()).isEqualTo(RepKind.COUNTED);
    assertThat(last.endTime()).isEqualTo(19 * tenFps);
    assertThat(machine.streamEnded(slowToBelieve)).isNull();
    assertThat(machine.phase()).isEqualTo(Phase.TOP);
  }

  @Test
  void whenTheStreamEndsATopSeenInOneFrameOrARepStillAtTheBottomIsNotCounted() {
    run(Phase.TOP, 0, 500);
    run(Phase.MOVING, 0.5, 300);
    run(Phase.BOTTOM, 1, 300);
    assertThat(machine.streamEnded(SQUAT)).isNull();
    run(Phase.MOVING, 0.5, 300);
    run(Phase.TOP, 0, FRAME);
    assertThat(machine.streamEnded(SQUAT)).isNull();
    assertThat(reps).isEmpty();
  }

  @Test
  void aBottomShorterThanTheDwellIsNoise() {
    run(Phase.TOP, 0, 500);
    run(Phase.BOTTOM, 1, FRAME);
    run(Phase.TOP, 0, 500);
    run(Phase.BOTTOM, 1, 2 * FRAME);
    run(Phase.TOP, 0, 500);
    assertThat(reps).isEmpty();
  }

  /** Down to the bottom and straight back up, then {@code topMillis} at the top. */
  private void briskRep(long bottomMillis, long topMillis) {
    run(Phase.BOTTOM, 1.0, bottomMillis);
    run(Phase.TOP, 0.0, topMillis);
  }

  @Test
  void backToBackCyclesFasterThanAPersonCanGoAreDropped() {
    run(Phase.TOP, 0, 500);
    for (int i = 0; i < 4; i++) {
      briskRep(200, 200);
    }
    // Top to top in 400 ms, under the squat's 600: only the first, whose cycle began with the half-second top, counts.
    assertThat(reps).singleElement().extracting(Repetition::kind).isEqualTo(RepKind.COUNTED);
  }

  @Test
  void aBriskRepCountsThoughItSpendsLessThanTheMinimumAwayFromTheTop() {
    run(Phase.TOP, 0, 500);
    for (int i = 0; i < 4; i++) {
      briskRep(350, 350);
    }
    assertThat(reps).hasSize(4).allSatisfy(r -> {
      assertThat(r.kind()).isEqualTo(RepKind.COUNTED);
      assertThat(r.durationMillis()).isLessThan(SQUAT.minRep().toMillis());
    });
  }

  @Test
  void aCycleSlowerThanTheMaximumIsDroppedButALongRestAtTheTopIsNot() {
    run(Phase.TOP, 0, 500);
    fullRep(3_000);
    assertThat(reps).isEmpty();
    run(Phase.TOP, 0, 20_000);
    fullRep(300);
    assertThat(reps).singleElement().extracting(Repetition::kind).isEqualTo(RepKind.COUNTED);
  }

  @Test
  void aShallowRepAfterAFullOneIsPartialByRangeOfMotion() {
    run(Phase.TOP, 0, 500);
    fullRep(300);
    run(Phase.MOVING, 0.5, 300);
    run(Phase.BOTTOM, 0.55, 300);
    run(Phase.MOVING, 0.5, 300);
    run(Phase.TOP, 0, 300);
    assertThat(reps).extracting(Repetition::kind).containsExactly(RepKind.COUNTED, RepKind.PARTIAL);
    assertThat(reps.get(1).rangeOfMotion()).isCloseTo(0.55, within(1e-9));
  }

  @Test
  void aRepSpanningAnExerciseChangeIsATransition() {
    run(Phase.TOP, 0, 500);
    run(Phase.MOVING, 0.5, 300);
    renamedThenBackToTheTop(SQUAT);
    fullRep(300);
    assertThat(reps).extracting(Repetition::kind).containsExactly(RepKind.TRANSITION, RepKind.COUNTED);
  }

  /** The vote names another exercise while the body is on its way down; the rep ends under that name. */
  private void renamedThenBackToTheTop(ExerciseProfile renamed) {
    machine.exerciseChanged();
    named = renamed;
    run(Phase.BOTTOM, 1, 300);
    run(Phase.MOVING, 0.5, 300);
    run(Phase.TOP, 0, 300);
  }

  @Test
  void aRepBegunBeforeAnyExerciseWasNamedCountsThoughTheVoteNamesTwoDuringIt() {
    // The vote takes a second or more to name what someone started doing, and may say curl before it settles on squat.
    named = UNNAMED;
    run(Phase.TOP, 0, 500);
    // Two frames make MOVING the majority; it is believed after the dwell, by when the vote has named a curl.
    run(Phase.MOVING, 0.5, 2 * FRAME);
    named = CURL;
    run(Phase.MOVING, 0.5, 300);
    renamedThenBackToTheTop(SQUAT);
    // The next rep begins under a name: a change during it is a change of exercise.
    run(Phase.MOVING, 0.5, 300);
    renamedThenBackToTheTop(CURL);
    assertThat(reps).extracting(Repetition::kind).containsExactly(RepKind.COUNTED, RepKind.TRANSITION);
    assertThat(reps.get(0).exercise()).isEqualTo("squat");
  }

  @Test
  void aHoleLongerThanTheMaximumGapAbandonsTheRep() {
    run(Phase.TOP, 0, 500);
    run(Phase.MOVING, 0.5, 300);
    run(Phase.BOTTOM, 1, 300);
    time += MAX_GAP + FRAME;
    run(Phase.MOVING, 0.5, 300);
    run(Phase.TOP, 0, 300);
    assertThat(reps).isEmpty();
    fullRep(300);
    assertThat(reps).hasSize(1);
  }

  @Test
  void aBottomBelievedOnlyOnTheWayUpStillCountsItsDepth() {
    run(Phase.TOP, 0, 500);
    fullRep(300);
    // At 10 frames a second: one frame leaving the top, two at the bottom, then slowly up again. The vote and the dwell
    // believe the bottom only at the first frame of the way up, which is shallow; the rep's depth is its bottom's.
    long tenFps = 100;
    for (Object[] f : new Object[][] {{Phase.MOVING, 0.5}, {Phase.BOTTOM, 1.0}, {Phase.BOTTOM, 1.0}, {Phase.MOVING, 0.3},
        {Phase.MOVING, 0.3}, {Phase.MOVING, 0.3}, {Phase.MOVING, 0.2}, {Phase.MOVING, 0.1}, {Phase.TOP, 0.0}, {Phase.TOP, 0.0}, {Phase.TOP, 0.0}}) {
      Repetition r = machine.observe((Phase) f[0], (double) f[1], 0.9, time, SQUAT, MAX_GAP);
      if (r != null) {
        reps.add(r);
      }
      time += tenFps;
    }
    assertThat(reps).extracting(Repetition::kind).containsExactly(RepKind.COUNTED, RepKind.COUNTED);
    assertThat(reps.get(1).rangeOfMotion()).isEqualTo(1.0);
  }
}
