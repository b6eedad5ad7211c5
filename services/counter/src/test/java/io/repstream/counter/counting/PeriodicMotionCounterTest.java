package io.repstream.counter.counting;

import static org.assertj.core.api.Assertions.assertThat;

import io.repstream.counter.synthetic.SyntheticParticipant;
import io.repstream.schemas.CountMethod;
import io.repstream.schemas.Keypoint;
import io.repstream.schemas.Pose;
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

  /** The shipped defaults of the two robustness settings (counter-defaults.properties). */
  private static final double GLITCH_FACTOR = 3;
  private static final double MIN_KEYPOINT_SCORE = 0.2;
  /** Turns a setting off. */
  private static final double NO_GLITCH_FILTER = 1e9;

  private static List<Repetition> count(List<Prediction> predictions) {
    return count(predictions, GLITCH_FACTOR, MIN_KEYPOINT_SCORE);
  }

  private static List<Repetition> count(List<Prediction> predictions, double glitchFactor, double minKeypointScore) {
    PeriodicMotionCounter counter = new PeriodicMotionCounter(4_000, 0.05, 0.3, 0.2, glitchFactor, minKeypointScore, 400, 4_000);
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

  @Test
  void posesTheEngineTurnedUpsideDownForAFrameOrThreeAreNotReps() {
    int cycles = 8;
    SyntheticParticipant s = new SyntheticParticipant("g", 11);
    s.stand("none", Duration.ofSeconds(2)).unknownPeriodic(cycles, Duration.ofMillis(2000)).stand("none", Duration.ofSeconds(2));
    List<Prediction> glitched = new ArrayList<>();
    int frame = 0;
    for (Prediction p : s.predictions()) {
      // Every 13th frame starts a run of one to three upside-down poses, as MoveNet gives for a lying person.
      int sinceGlitch = frame++ % 13;
      int runLength = 1 + (frame / 13) % 3;
      glitched.add(p.getPose() != null && sinceGlitch < runLength ? upsideDown(p) : p);
    }
    assertThat(count(glitched, NO_GLITCH_FILTER, MIN_KEYPOINT_SCORE).size()).as("without the filter")
        .isGreaterThan(cycles + TOLERANCE);
    assertThat(count(glitched).size()).isBetween(cycles - TOLERANCE, cycles + TOLERANCE);
  }

  @Test
  void jointsTheEngineIsUnsureOfDoNotDrownTheMovementOfTheOthers() {
    int cycles = 8;
    SyntheticParticipant s = new SyntheticParticipant("u", 12);
    s.stand("none", Duration.ofSeconds(2)).unknownPeriodic(cycles, Duration.ofMillis(2000)).stand("none", Duration.ofSeconds(2));
    java.util.Random random = new java.util.Random(3);
    List<Prediction> noisy = new ArrayList<>();
    for (Prediction p : s.predictions()) {
      noisy.add(p.getPose() == null ? p : withWanderingFeet(p, random));
    }
    assertThat(Math.abs(count(noisy, GLITCH_FACTOR, 0).size() - cycles)).as("miscount with every joint taken")
        .isGreaterThan(TOLERANCE);
    assertThat(count(noisy).size()).isBetween(cycles - TOLERANCE, cycles + TOLERANCE);
  }

  /** The pose mirrored top to bottom within its box. */
  private static Prediction upsideDown(Prediction p) {
    Pose pose = p.getPose();
    float flip = pose.getBox().getYMin() + pose.getBox().getYMax();
    List<Keypoint> kps = new ArrayList<>();
    for (Keypoint k : pose.getKeypoints()) {
      kps.add(Keypoint.newBuilder(k).setY(flip - k.getY()).build());
    }
    return Prediction.newBuilder(p).setPose(Pose.newBuilder(pose).setKeypoints(kps).build()).build();
  }

  /** Ankles (COCO 15 and 16) out of the frame: guessed anywhere in the lower half, with scores near zero. */
  private static Prediction withWanderingFeet(Prediction p, java.util.Random random) {
    Pose pose = p.getPose();
    List<Keypoint> kps = new ArrayList<>(pose.getKeypoints());
    for (int ankle : new int[] {15, 16}) {
      kps.set(ankle, Keypoint.newBuilder(kps.get(ankle)).setX(random.nextFloat()).setY(0.5f + random.nextFloat() / 2)
          .setScore(0.05f).build());
    }
    return Prediction.newBuilder(p).setPose(Pose.newBuilder(pose).setKeypoints(kps).build()).build();
  }
}
