package io.repstream.counter.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.repstream.counter.CounterConfig;
import io.repstream.counter.CountingParameters;
import io.repstream.counter.catalogue.ExerciseCatalogue;
import io.repstream.counter.testdata.Delivery;
import io.repstream.counter.synthetic.SyntheticParticipant;
import io.repstream.schemas.CountMethod;
import io.repstream.schemas.LabelProbability;
import io.repstream.schemas.Phase;
import io.repstream.schemas.Prediction;
import io.repstream.schemas.RepEvent;
import io.repstream.schemas.RepKind;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParticipantCounterTest {
  private static final CountingParameters PARAMS = CounterConfig.withOverrides(Map.of()).counting();
  private static final ExerciseCatalogue CATALOGUE = ExerciseCatalogue.standard();
  private static final long WALL = 1_000;
  private static final CountingParameters MOTION =
      CounterConfig.withOverrides(Map.of("counter.reps.from", "motion")).counting();
  private static final int SQUATS = 6;

  private static List<Prediction> mixedSession() {
    SyntheticParticipant s = new SyntheticParticipant("zoe", 21);
    s.stand("squat", Duration.ofMillis(1500)).phaseFlips(0.1).reps("squat", 6, Duration.ofMillis(1800))
        .partialRep("squat", Duration.ofMillis(1500), 0.45).transition(Duration.ofSeconds(2))
        .stand("plank", Duration.ofSeconds(1)).hold("plank", Duration.ofSeconds(6)).transition(Duration.ofSeconds(1))
        .unknownPeriodic(6, Duration.ofMillis(1500)).leave(Duration.ofSeconds(2))
        .stand("push_up", Duration.ofMillis(1500)).reps("push_up", 5, Duration.ofMillis(1500))
        .stand("push_up", Duration.ofSeconds(1));
    return Delivery.duplicated(Delivery.shuffled(s.predictions(), 3, 22), 0.1, 4, 23);
  }

  private static List<RepEvent> run(List<Prediction> in, boolean reloadEveryFrame) {
    ParticipantCounter c = new ParticipantCounter(PARAMS, CATALOGUE);
    List<RepEvent> out = new ArrayList<>();
    for (Prediction p : in) {
      if (reloadEveryFrame) {
        c = ParticipantCounter.fromBytes(c.toBytes(), PARAMS, CATALOGUE);
      }
      c.offer(p, WALL);
      out.addAll(c.advance());
      c.statusIfChanged(WALL);
    }
    out.addAll(c.flush());
    return out;
  }

  @Test
  void storingAndReloadingAfterEveryFrameChangesNothing() {
    List<Prediction> session = mixedSession();
    List<RepEvent> straight = run(session, false);
    List<RepEvent> reloaded = run(session, true);
    assertThat(straight).hasSizeGreaterThan(10);
    assertThat(reloaded).isEqualTo(straight);
  }

  @Test
  void aStoredStateOfAnotherFormatIsRefusedWithItsVersion() {
    byte[] bytes = new ParticipantCounter(PARAMS, CATALOGUE).toBytes();
    bytes[0] = 9;
    assertThatThrownBy(() -> ParticipantCounter.fromBytes(bytes, PARAMS, CATALOGUE))
        .hasMessageContaining("format version 9");
    byte[] truncated = java.util.Arrays.copyOf(new ParticipantCounter(PARAMS, CATALOGUE).toBytes(), 12);
    assertThatThrownBy(() -> ParticipantCounter.fromBytes(truncated, PARAMS, CATALOGUE))
        .hasMessageContaining("truncated or corrupt");
  }

  @ParameterizedTest(name = "format {0}")
  @ValueSource(ints = {ParticipantCounter.FORMAT_VERSION_BEFORE_TOP_SINCE, ParticipantCounter.FORMAT_VERSION_BEFORE_STARTED_UNNAMED})
  void aStateStoredInAFormerFormatIsReadWithItsCountsAndCountingGoesOn(int format) throws IOException {
    // Written after the first half of these squats by the counter of commit a4927c5 (format 2, before the phase
    // machine kept when its top began) and of commit cb94f47 (format 3, before it kept whether its rep began unnamed):
    // an upgraded counter must go on from what the changelog holds, losing no rep.
    byte[] stored;
    try (InputStream in = ParticipantCounterTest.class.getResourceAsStream("/state/participant-format-" + format + ".bin")) {
      stored = in.readAllBytes();
    }
    assertThat(stored[0]).isEqualTo((byte) format);
    ParticipantCounter c = ParticipantCounter.fromBytes(stored, PARAMS, CATALOGUE);
    assertThat(c.status(WALL).getRepsByExercise()).isEqualTo(Map.of("squat", 2));
    List<Prediction> session = squats("ida", 27);
    for (Prediction p : session.subList(session.size() / 2, session.size())) {
      c.offer(p, WALL);
      c.advance();
    }
    c.flush();
    assertThat(c.status(WALL).getRepsByExercise()).isEqualTo(Map.of("squat", SQUATS));
    assertThat(c.toBytes()[0]).isEqualTo(ParticipantCounter.FORMAT_VERSION);
  }

  @Test
  void withRepsFromMotionARecognisedExerciseIsCountedByItsMovementAndNamedByTheModel() {
    // A model that names the exercise but whose phase output never leaves the top, as the starter model's can on video.
    List<Prediction> stuckAtTop = new ArrayList<>();
    for (Prediction p : squats("max", 24)) {
      stuckAtTop.add(Prediction.newBuilder(p).setPhase(Phase.TOP)
          .setPhaseProbabilities(List.of(new LabelProbability("TOP", 1.0f))).build());
    }
    assertThat(counted(stuckAtTop, PARAMS)).as("counted from phases").isEmpty();
    List<RepEvent> fromMotion = counted(stuckAtTop, MOTION);
    assertThat(fromMotion.size()).isBetween(SQUATS - 1, SQUATS + 1);
    assertThat(fromMotion).allSatisfy(r -> {
      assertThat(r.getExercise()).isEqualTo("squat");
      assertThat(r.getMethod()).isEqualTo(CountMethod.PERIODIC_MOTION);
    });
  }

  @Test
  void withRepsFromMotionAModelWaveringBetweenTwoNamesDoesNotStopTheCount() {
    List<Prediction> squats = squats("ann", 25);
    List<Prediction> wavering = new ArrayList<>();
    int frame = 0;
    for (Prediction p : squats) {
      // Two seconds of each name in turn: long enough for the vote to follow, as with an exercise the model does not know.
      String name = (frame++ / 30) % 2 == 0 ? "squat" : "lunge";
      wavering.add(Prediction.newBuilder(p).setExercise(name)
          .setExerciseProbabilities(List.of(new LabelProbability(name, 0.9f))).build());
    }
    List<RepEvent> steady = counted(squats, MOTION);
    assertThat(steady.size()).isGreaterThanOrEqualTo(SQUATS - 1);
    assertThat(counted(wavering, MOTION)).as("the same reps, whatever their names")
        .extracting(RepEvent::getEndTime).isEqualTo(steady.stream().map(RepEvent::getEndTime).toList());
  }

  @Test
  void aRepUnderWayBeforeTheVoteNamesTheExerciseCountsOnceItIsNamed() {
    // No standing first: the first squat starts with the first frame, before the vote has the frames to name it.
    SyntheticParticipant s = new SyntheticParticipant("una", 26);
    s.reps("squat", SQUATS, Duration.ofMillis(1800)).stand("squat", Duration.ofSeconds(2));
    assertThat(counted(s.predictions(), PARAMS)).hasSize(SQUATS).allSatisfy(r -> {
      assertThat(r.getExercise()).isEqualTo("squat");
      assertThat(r.getMethod()).isEqualTo(CountMethod.EXERCISE_PHASES);
    });
  }

  /** {@value #SQUATS} squats between two seconds of standing, recognised as squats throughout. */
  private static List<Prediction> squats(String participant, long seed) {
    SyntheticParticipant s = new SyntheticParticipant(participant, seed);
    s.stand("squat", Duration.ofSeconds(2)).reps("squat", SQUATS, Duration.ofMillis(1800)).stand("squat", Duration.ofSeconds(2));
    return s.predictions();
  }

  private static List<RepEvent> counted(List<Prediction> in, CountingParameters params) {
    ParticipantCounter c = new ParticipantCounter(params, CATALOGUE);
    List<RepEvent> out = new ArrayList<>();
    for (Prediction p : in) {
      c.offer(p, WALL);
      out.addAll(c.advance());
    }
    out.addAll(c.flush());
    return out.stream().filter(r -> r.getKind() == RepKind.COUNTED).toList();
  }
}
