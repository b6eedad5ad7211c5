package io.repstream.counter.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.repstream.counter.catalogue.ExerciseCatalogue;
import io.repstream.counter.catalogue.ExerciseProfile;
import io.repstream.counter.testdata.Delivery;
import io.repstream.counter.synthetic.SyntheticParticipant;
import io.repstream.schemas.CountMethod;
import io.repstream.schemas.Keypoint;
import io.repstream.schemas.ParticipantState;
import io.repstream.schemas.ParticipantStatus;
import io.repstream.schemas.Pose;
import io.repstream.schemas.Prediction;
import io.repstream.schemas.RepEvent;
import io.repstream.schemas.RepKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RepCountingTopologyTest {
  private static final Duration SETTLE = Duration.ofMillis(1500);
  private static final Duration SECOND = Duration.ofSeconds(1);
  /** Just above classifier.pose.min.score: the least sure pose the classifier still labels and publishes. */
  private static final float BARELY_SURE = 0.26f;

  private static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }

  /** Slow and fast tempo per exercise: slow is well inside the maximum rep time, fast near what the sampler can see. */
  static Stream<Arguments> exercisesAtTempo() {
    List<Arguments> args = new ArrayList<>();
    for (ExerciseProfile p : ExerciseCatalogue.standard().all()) {
      if (p.isHold()) {
        continue;
      }
      long slow = Math.min(3_000, p.maxRep().toMillis() / 2);
      long fast = Math.max(p.minRep().toMillis() * 2, p.name().equals("jump_rope") ? 500 : 1_000);
      if (p.name().equals("jumping_jack")) {
        fast = 700;
      }
      args.add(Arguments.of(p.name(), slow, fast));
    }
    return args.stream();
  }

  @ParameterizedTest(name = "{0}: slow {1} ms, fast {2} ms, then changing")
  @MethodSource("exercisesAtTempo")
  void countsEveryCatalogueExerciseAtSlowFastAndChangingTempo(String exercise, long slow, long fast) {
    SyntheticParticipant s = new SyntheticParticipant("ana", exercise.hashCode());
    s.stand(exercise, SETTLE).reps(exercise, 8, ms(slow)).stand(exercise, SECOND)
        .reps(exercise, 10, ms(fast)).stand(exercise, SECOND)
        .repsChangingTempo(exercise, 10, ms(slow), ms(fast)).stand(exercise, SECOND);
    try (CounterDriver d = new CounterDriver()) {
      d.pipe(s.predictions()).settle();
      assertThat(d.counted("ana")).containsExactlyEntriesOf(Map.of(exercise, 28));
      assertThat(d.reps("ana", RepKind.PARTIAL)).isEmpty();
      List<RepEvent> counted = d.reps("ana", RepKind.COUNTED);
      assertThat(counted).extracting(RepEvent::getRepNumber)
          .containsExactlyElementsOf(IntStream.rangeClosed(1, 28).boxed().toList());
      assertThat(counted).allSatisfy(r -> {
        assertThat(r.getSetNumber()).isEqualTo(1);
        assertThat(r.getMethod()).isEqualTo(CountMethod.EXERCISE_PHASES);
        assertThat(r.getRangeOfMotion()).isGreaterThanOrEqualTo(0.5f);
        assertThat(r.getConfidence()).isGreaterThan(0.8f);
      });
      // A rep lasts from leaving the top to reaching it again: the cycle less the time spent at the top.
      assertThat(counted.get(0).getDurationMillis()).isBetween(slow / 2, slow);
      assertThat(counted.get(12).getDurationMillis()).isBetween(fast / 2, fast);
      ParticipantStatus status = d.storedStatus("ana");
      assertThat(status.getRepsByExercise()).containsExactlyEntriesOf(Map.of(exercise, 28));
      assertThat(status.getRepsInSet()).isEqualTo(28);
      assertThat(status.getState()).isEqualTo(ParticipantState.ACTIVE);
    }
  }

  @Test
  void pausesKeepTheSetAndALongRestStartsANewOne() {
    SyntheticParticipant s = new SyntheticParticipant("ben", 2);
    s.stand("squat", SETTLE).reps("squat", 5, ms(2000)).stand("squat", Duration.ofSeconds(8))
        .reps("squat", 5, ms(2000)).stand("squat", Duration.ofSeconds(25)).reps("squat", 3, ms(2000))
        .stand("squat", SECOND);
    try (CounterDriver d = new CounterDriver()) {
      d.pipe(s.predictions()).settle();
      List<RepEvent> counted = d.reps("ben", RepKind.COUNTED);
      assertThat(counted).hasSize(13);
      assertThat(counted).extracting(RepEvent::getSetNumber).containsExactly(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2);
      assertThat(counted).extracting(RepEvent::getRepNumber).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1, 2, 3);
      assertThat(d.storedStatus("ben").getSetNumber()).isEqualTo(2);
    }
  }

  @Test
  void partialRepsAreReportedButNotCounted() {
    SyntheticParticipant s = new SyntheticParticipant("cai", 3);
    s.stand("squat", SETTLE).reps("squat", 3, ms(2000)).partialRep("squat", ms(2000), 0.45)
        .partialRep("squat", ms(1500), 0.5).reps("squat", 3, ms(2000)).stand("squat", SECOND);
    try (CounterDriver d = new CounterDriver()) {
      d.pipe(s.predictions()).settle();
      assertThat(d.counted("cai")).containsExactlyEntriesOf(Map.of("squat", 6));
      List<RepEvent> partial = d.reps("cai", RepKind.PARTIAL);
      assertThat(partial).hasSize(2);
      assertThat(partial).extracting(RepEvent::getRepNumber).containsExactly(3, 3);
      assertThat(partial).allSatisfy(r -> assertThat(r.getRangeOfMotion()).isLessThan(0.6f));
      assertThat(d.storedStatus("cai").getRepsInSet()).isEqualTo(6);
    }
  }

  @Test
  void outOfOrderAndRepeatedRecordsAreCountedOnce() {
    SyntheticParticipant s = new SyntheticParticipant("dan", 4);
    s.stand("push_up", SETTLE).reps("push_up", 12, ms(1500)).stand("push_up", SECOND);
    List<Prediction> mangled = Delivery.duplicated(Delivery.shuffled(s.predictions(), 4, 41), 0.15, 6, 42);
    assertThat(mangled).hasSizeGreaterThan(s.predictions().size());
    try (CounterDriver d = new CounterDriver()) {
      d.pipe(mangled).settle();
      assertThat(d.counted("dan")).containsExactlyEntriesOf(Map.of("push_up", 12));
      assertThat(d.meter("repstream.counter.predictions", "outcome", "accepted")).isEqualTo(s.predictions().size());
    }
  }

  @Test
  void isolatedWrongPhaseLabelsDoNotChangeTheCount() {
    SyntheticParticipant s = new SyntheticParticipant("eva", 5);
    s.stand("squat", SETTLE).phaseFlips(0.15).reps("squat", 15, ms(1800)).stand("squat", SECOND);
    try (CounterDriver d = new CounterDriver()) {
      d.pipe(s.predictions()).settle();
      assertThat(d.counted("eva")).containsExactlyEntriesOf(Map.of("squat", 15));
    }
  }

  @Test
  void lostFramesAndShortHolesDoNotChangeTheCount() {
    SyntheticParticipant s = new SyntheticParticipant("fay", 6);
    s.stand("lunge", SETTLE).reps("lunge", 6, ms(2000)).silence(ms(600)).stand("lunge", SECOND)
        .reps("lunge", 6, ms(2000)).stand("lunge", SECOND);
    try (CounterDriver d = new CounterDriver()) {
      d.pipe(Delivery.dropped(s.predictions(), 0.1, 61)).settle();
      assertThat(d.counted("fay")).containsExactlyEntriesOf(Map.of("lunge", 12));
    }
  }

  @Test
  void aStudentWhoLeavesTheFrameAndReturnsKeepsTheirCount() {
    SyntheticParticipant s = new SyntheticParticipant("gus", 7);
    s.stand("squat", SETTLE).reps("squat", 5, ms(2000)).leave(Duration.ofSeconds(6)).stand("squat", SETTLE)
        .reps("squat", 5, ms(2000)).stand("squat", SECOND);
    try (CounterDriver d = new CounterDriver()) {
      d.pipe(s.predictions()).settle();
      assertThat(d.counted("gus")).containsExactlyEntriesOf(Map.of("squat", 10));
      assertThat(d.statuses("gus")).extracting(ParticipantStatus::getState)
          .containsSubsequence(ParticipantState.ACTIVE, ParticipantState.NOT_VISIBLE, ParticipantState.ACTIVE);
      assertThat(d.storedStatus("gus").getState()).isEqualTo(ParticipantState.ACTIVE);
    }
  }

  @Test
  void anExerciseChangeStartsANewSetAndKeepsBothCounts() {
    SyntheticParticipant s = new SyntheticParticipant("hal", 8);
    s.stand("squat", SETTLE).reps("squat", 6, ms(2000)).transition(Duration.ofSeconds(3))
        .stand("push_up", SETTLE).reps("push_up", 8, ms(1500)).stand("push_up", SECOND);
    try (CounterDriver d = new CounterDriver()) {
      d.pipe(s.predictions()).settle();
      assertThat(d.counted("hal")).containsExactlyInAnyOrderEntriesOf(Map.of("squat", 6, "push_up", 8));
      assertThat(d.reps("hal", RepKind.COUNTED).stream().filter(r -> r.getExercise().equals("push_up")))
          .allSatisfy(r -> assertThat(r.getSetNumber()).isEqualTo(2));
      ParticipantStatus status = d.storedStatus("hal");
      assertThat(status.getExercise()).isEqualTo("push_up");
      assertThat(status.getRepsInSet()).isEqualTo(8);
      assertThat(status.getRepsByExercise()).containsExactlyInAnyOrderEntriesOf(Map.of("squat", 6, "push_up", 8));
    }
  }

  @Test
  void aPlankCountsSecondsHeldNotReps() {
    SyntheticParticipant s = new SyntheticParticipant("ida", 9);
    s.stand("plank", SETTLE).hold("plank", Duration.ofSeconds(20)).leave(Duration.ofSeconds(2));
    try (CounterDriver d = new CounterDriver()) {
      d.pipe(s.predictions()).settle();
      assertThat(d.reps()).isEmpty();
      Map<String, Float> held = d.storedStatus("ida").getHoldSecondsByExercise();
      assertThat(held.get("plank")).isBetween(19f, 20f);
    }
  }

  @Test
  void standingStillBecomesIdleAndMovingAgainActive() {
    SyntheticParticipant s = new SyntheticParticipant("jo", 10);
    s.stand("squat", SETTLE).reps("squat", 2, ms(2000)).stand("squat", Duration.ofSeconds(12))
        .reps("squat", 2, ms(2000)).stand("squat", SECOND);
    try (CounterDriver d = new CounterDriver()) {
      d.pipe(s.predictions()).settle();
      assertThat(d.statuses("jo")).extracting(ParticipantStatus::getState)
          .containsSubsequence(ParticipantState.ACTIVE, ParticipantState.IDLE, ParticipantState.ACTIVE);
      assertThat(d.counted("jo")).containsExactlyEntriesOf(Map.of("squat", 4));
    }
  }

  @Test
  void framesStoppingMeansStreamDownAndTheLastRepStillCounts() {
    SyntheticParticipant s = new SyntheticParticipant("kim", 11);
    s.stand("squat", SETTLE).reps("squat", 4, ms(2000)).stand("squat", ms(300));
    int sent = s.predictions().size();
    try (CounterDriver d = new CounterDriver()) {
      d.pipe(s.predictions());
      d.idle(Duration.ofSeconds(6));
      assertThat(d.counted("kim")).containsExactlyEntriesOf(Map.of("squat", 4));
      assertThat(d.storedStatus("kim").getState()).isEqualTo(ParticipantState.STREAM_DOWN);
      s.silence(Duration.ofSeconds(6)).stand("squat", SETTLE).reps("squat", 2, ms(2000)).stand("squat", SECOND);
      d.pipe(s.predictions().subList(sent, s.predictions().size())).settle();
      assertThat(d.counted("kim")).containsExactlyEntriesOf(Map.of("squat", 6));
      assertThat(d.storedStatus("kim").getState()).isEqualTo(ParticipantState.ACTIVE);
    }
  }

  @Test
  void aStreamEndingAsTheLastRepReturnsToTheTopCountsThatRepOnlyIfTheTopWasSeenInTwoFrames() {
    // At 15 fps each synthetic squat ends with four frames at the top; the dwell believes the top at the fourth.
    SyntheticParticipant lee = new SyntheticParticipant("lee", 12);
    lee.stand("squat", SETTLE).reps("squat", 4, ms(2000));
    SyntheticParticipant max = new SyntheticParticipant("max", 13);
    max.stand("squat", SETTLE).reps("squat", 4, ms(2000));
    try (CounterDriver d = new CounterDriver()) {
      d.pipe(lee.predictions().subList(0, lee.predictions().size() - 2));
      d.pipe(max.predictions().subList(0, max.predictions().size() - 3));
      d.idle(Duration.ofSeconds(1));
      assertThat(d.counted("lee")).containsExactlyEntriesOf(Map.of("squat", 3));
      assertThat(d.counted("max")).containsExactlyEntriesOf(Map.of("squat", 3));
      d.idle(Duration.ofSeconds(6));
      assertThat(d.storedStatus("lee").getState()).isEqualTo(ParticipantState.STREAM_DOWN);
      assertThat(d.counted("lee")).containsExactlyEntriesOf(Map.of("squat", 4));
      assertThat(d.storedStatus("lee").getRepsByExercise()).containsExactlyEntriesOf(Map.of("squat", 4));
      // One frame at the top is no more than a flicker, stream or no stream.
      assertThat(d.counted("max")).containsExactlyEntriesOf(Map.of("squat", 3));
    }
  }

  @Test
  void aParticipantThePoseModelIsBarelySureOfIsCountedFromEveryPoseTheClassifierPublished() {
    // At the top of a pull-up or with the feet cut off, MoveNet's scores fall to what the classifier only just keeps.
    SyntheticParticipant s = new SyntheticParticipant("ivo", 16);
    s.stand("squat", SETTLE).reps("squat", 6, ms(2000)).stand("squat", SECOND);
    List<Prediction> unsure = s.predictions().stream().map(p -> withPoseScore(p, BARELY_SURE)).toList();
    try (CounterDriver d = new CounterDriver()) {
      d.pipe(unsure).settle();
      assertThat(d.counted("ivo")).containsExactlyEntriesOf(s.truth());
      assertThat(d.storedStatus("ivo").getState()).isNotEqualTo(ParticipantState.NOT_VISIBLE);
    }
  }

  private static Prediction withPoseScore(Prediction p, float score) {
    Pose pose = p.getPose();
    List<Keypoint> keypoints = pose.getKeypoints().stream().map(k -> new Keypoint(k.getX(), k.getY(), score)).toList();
    return Prediction.newBuilder(p).setPose(new Pose(pose.getBox(), score, keypoints)).build();
  }

  @Test
  void anUnknownPeriodicExerciseIsCountedFromMotionWithinOneCycle() {
    int cycles = 12;
    SyntheticParticipant s = new SyntheticParticipant("lea", 12);
    s.transition(SETTLE).unknownPeriodic(cycles, ms(1500)).transition(SECOND);
    try (CounterDriver d = new CounterDriver()) {
      d.pipe(s.predictions()).settle();
      List<RepEvent> counted = d.reps("lea", RepKind.COUNTED);
      assertThat(counted).allSatisfy(r -> {
        assertThat(r.getMethod()).isEqualTo(CountMethod.PERIODIC_MOTION);
        assertThat(r.getExercise()).isEqualTo(ExerciseCatalogue.UNRECOGNISED);
      });
      // Documented tolerance of the fallback: within one cycle of the truth.
      assertThat(counted.size()).isBetween(cycles - 1, cycles + 1);
    }
  }

  @Test
  void participantsInterleavedAreCountedIndependently() {
    SyntheticParticipant a = new SyntheticParticipant("mo", 13);
    SyntheticParticipant b = new SyntheticParticipant("ned", 14);
    SyntheticParticipant c = new SyntheticParticipant("oli", 15);
    a.stand("squat", SETTLE).reps("squat", 7, ms(2000)).stand("squat", SECOND);
    b.stand("push_up", SETTLE).reps("push_up", 9, ms(1500)).stand("push_up", SECOND);
    c.stand("jumping_jack", SETTLE).reps("jumping_jack", 20, ms(800)).stand("jumping_jack", SECOND);
    List<Prediction> all = new ArrayList<>();
    all.addAll(a.predictions());
    all.addAll(b.predictions());
    all.addAll(c.predictions());
    all.sort(Comparator.comparing(Prediction::getCaptureTime));
    try (CounterDriver d = new CounterDriver()) {
      d.pipe(all).settle();
      assertThat(d.counted("mo")).containsExactlyEntriesOf(a.truth());
      assertThat(d.counted("ned")).containsExactlyEntriesOf(b.truth());
      assertThat(d.counted("oli")).containsExactlyEntriesOf(c.truth());
    }
  }

  @Test
  void malformedRecordsAreSkippedAndCountingGoesOn() {
    SyntheticParticipant s = new SyntheticParticipant("pia", 16);
    s.stand("squat", SETTLE).reps("squat", 3, ms(2000));
    List<Prediction> first = s.predictions();
    s.reps("squat", 3, ms(2000)).stand("squat", SECOND);
    List<Prediction> second = s.predictions().subList(first.size(), s.predictions().size());
    try (CounterDriver d = new CounterDriver()) {
      d.pipe(first);
      d.pipeRaw("pia", "not a prediction".getBytes(StandardCharsets.UTF_8));
      Prediction bad = Prediction.newBuilder(second.get(0)).setSequence(-5).build();
      Prediction tornPose = Prediction.newBuilder(second.get(0)).build();
      tornPose.getPose().setKeypoints(tornPose.getPose().getKeypoints().subList(0, 5));
      d.pipe(List.of(bad, tornPose));
      d.pipe(second).settle();
      assertThat(d.counted("pia")).containsExactlyEntriesOf(Map.of("squat", 6));
      assertThat(d.meter("repstream.counter.predictions", "outcome", "invalid")).isEqualTo(2);
    }
  }

  @Test
  void aParticipantSilentPastTheRetentionIsForgotten() {
    SyntheticParticipant s = new SyntheticParticipant("quin", 17);
    s.stand("squat", SETTLE).reps("squat", 2, ms(2000)).stand("squat", SECOND);
    try (CounterDriver d = new CounterDriver(Map.of("counter.participant.retention", "1h"))) {
      d.pipe(s.predictions()).settle();
      assertThat(d.storedStatus("quin")).isNotNull();
      d.idle(Duration.ofMinutes(59));
      assertThat(d.storedStatus("quin").getState()).isEqualTo(ParticipantState.STREAM_DOWN);
      d.idle(Duration.ofMinutes(2));
      assertThat(d.storedStatus("quin")).isNull();
      assertThat(d.latestStatus("quin").getRepsByExercise()).containsEntry("squat", 2);
    }
  }

  @Test
  void anExerciseTheClassifierKnowsButTheCatalogueDoesNotIsCountedByItsPhases() {
    SyntheticParticipant s = new SyntheticParticipant("rae", 18);
    s.stand("kettlebell_swing", SETTLE).reps("kettlebell_swing", 9, ms(1600)).stand("kettlebell_swing", SECOND);
    try (CounterDriver d = new CounterDriver()) {
      d.pipe(s.predictions()).settle();
      assertThat(d.counted("rae")).containsExactlyEntriesOf(Map.of("kettlebell_swing", 9));
      assertThat(d.reps("rae", RepKind.COUNTED)).allSatisfy(
          r -> assertThat(r.getMethod()).isEqualTo(CountMethod.EXERCISE_PHASES));
    }
  }

  @ParameterizedTest(name = "{0} fps")
  @ValueSource(doubles = {10, 15, 24, 30})
  void countsAtTheFrameRatesTheSamplerMayUse(double fps) {
    SyntheticParticipant s = new SyntheticParticipant("class-1", "sol", Instant.parse("2026-11-23T18:00:00Z"),
        fps, Math.round(fps));
    s.stand("squat", SETTLE).reps("squat", 6, ms(1200)).reps("squat", 6, ms(2500)).stand("squat", SECOND)
        .stand("jumping_jack", SETTLE).reps("jumping_jack", 10, ms(800)).stand("jumping_jack", SECOND);
    try (CounterDriver d = new CounterDriver()) {
      d.pipe(s.predictions()).settle();
      assertThat(d.counted("sol")).containsExactlyInAnyOrderEntriesOf(Map.of("squat", 12, "jumping_jack", 10));
    }
  }
}
