package io.repstream.synth.motion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.repstream.schemas.Phase;
import io.repstream.schemas.RepKind;
import io.repstream.synth.body.BodyPose;
import io.repstream.synth.body.BodyProportions;
import io.repstream.synth.body.Dof;
import io.repstream.synth.body.ForwardKinematics;
import io.repstream.synth.body.Joint;
import io.repstream.synth.body.Skeleton;
import io.repstream.synth.body.Vec3;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The generated motion keeps the body's shape, stays within joint limits, and labels exactly what it did. */
class WorkoutTruthTest {
  private static final double FPS = 15;

  /** Bones whose length must never change: COCO skeleton edges plus the renderer's extra segments. */
  private static final Joint[][] BONES = {
      {Joint.LEFT_SHOULDER, Joint.LEFT_ELBOW}, {Joint.LEFT_ELBOW, Joint.LEFT_WRIST},
      {Joint.RIGHT_SHOULDER, Joint.RIGHT_ELBOW}, {Joint.RIGHT_ELBOW, Joint.RIGHT_WRIST},
      {Joint.LEFT_HIP, Joint.LEFT_KNEE}, {Joint.LEFT_KNEE, Joint.LEFT_ANKLE},
      {Joint.RIGHT_HIP, Joint.RIGHT_KNEE}, {Joint.RIGHT_KNEE, Joint.RIGHT_ANKLE},
      {Joint.LEFT_HIP, Joint.RIGHT_HIP}, {Joint.LEFT_SHOULDER, Joint.RIGHT_SHOULDER},
      {Joint.LEFT_EYE, Joint.RIGHT_EYE}, {Joint.NOSE, Joint.LEFT_EAR}, {Joint.PELVIS, Joint.NECK},
      {Joint.LEFT_WRIST, Joint.LEFT_HAND}, {Joint.LEFT_HEEL, Joint.LEFT_TOE}};

  private static WorkoutScript everyExercise() {
    List<SetPlan> sets = new ArrayList<>();
    for (Exercise e : Exercise.values()) {
      sets.add(e.mode() == Exercise.Mode.REPS ? SetPlan.reps(e, 3) : SetPlan.seconds(e, 3));
    }
    return new WorkoutScript(sets);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2})
  void limbLengthsStayConstantThroughEveryExerciseAndTransition(long seed) {
    Random random = new Random(seed);
    BodyProportions body = BodyProportions.random(random);
    Workout w = new WorkoutGenerator(FPS, TempoModel.NATURAL).generate(everyExercise(), body, random);
    Skeleton first = w.frames().get(0).skeleton();
    for (FrameTruth f : w.frames()) {
      for (Joint[] bone : BONES) {
        double expected = first.get(bone[0]).distanceTo(first.get(bone[1]));
        assertThat(f.skeleton().get(bone[0]).distanceTo(f.skeleton().get(bone[1])))
            .as("%s-%s at frame %d (%s)", bone[0], bone[1], f.frame(), f.exerciseLabel())
            .isCloseTo(expected, within(1e-9));
      }
    }
    assertThat(first.get(Joint.LEFT_SHOULDER).distanceTo(first.get(Joint.LEFT_ELBOW)))
        .isCloseTo(body.upperArm(), within(1e-9));
    assertThat(first.get(Joint.LEFT_KNEE).distanceTo(first.get(Joint.LEFT_ANKLE))).isCloseTo(body.shin(), within(1e-9));
  }

  @ParameterizedTest
  @EnumSource(Exercise.class)
  void motionsNeverAskAJointBeyondItsLimits(Exercise exercise) {
    for (long seed = 0; seed < 12; seed++) {
      Random random = new Random(seed);
      ForwardKinematics fk = new ForwardKinematics(BodyProportions.random(random));
      Motion motion = exercise.factory().create(random, fk);
      for (int rep = 0; rep < 2; rep++) {
        for (double d = 0; d <= 1.0001; d += 0.05) {
          for (boolean rising : new boolean[] {false, true}) {
            BodyPose pose = motion.pose(new RepPoint(Math.min(1, d), rising, rep, 7.3 * d + rep)).pose();
            assertThat(pose.clampedDofs()).as("%s seed %d depth %.2f", exercise, seed, d).isEmpty();
            for (Dof dof : Dof.values()) {
              assertThat(dof.allows(pose.get(dof))).as("%s %s=%.1f", exercise, dof, pose.get(dof)).isTrue();
            }
          }
        }
      }
    }
  }

  @Test
  void kneesAndElbowsNeverBendBackwardOrBeyondTheirRangeInSpace() {
    Random random = new Random(5);
    Workout w = new WorkoutGenerator(FPS, TempoModel.NATURAL).generate(everyExercise(), BodyProportions.random(random), random);
    for (FrameTruth f : w.frames()) {
      Skeleton s = f.skeleton();
      for (Joint[] limb : new Joint[][] {{Joint.LEFT_HIP, Joint.LEFT_KNEE, Joint.LEFT_ANKLE},
          {Joint.RIGHT_SHOULDER, Joint.RIGHT_ELBOW, Joint.RIGHT_WRIST}}) {
        Vec3 upper = s.get(limb[1]).minus(s.get(limb[0])).normalized();
        Vec3 lower = s.get(limb[2]).minus(s.get(limb[1])).normalized();
        double bend = Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, upper.dot(lower)))));
        assertThat(bend).as("%s bend at frame %d", limb[1], f.frame()).isLessThanOrEqualTo(155.0 + 1e-6);
      }
      assertThat(s.lowestSurfaceY(w.body())).as("body above floor at frame %d", f.frame()).isGreaterThan(-1e-6);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Exercise.Mode.class, names = "REPS")
  void countedRepsEqualRepsAskedForEveryExercise(Exercise.Mode mode) {
    for (Exercise e : Exercise.values()) {
      if (e.mode() != mode) {
        continue;
      }
      for (long seed = 0; seed < 4; seed++) {
        Random random = new Random(seed * 31 + e.ordinal());
        int asked = 3 + (int) seed * 2;
        Workout w = new WorkoutGenerator(FPS, TempoModel.NATURAL)
            .generate(new WorkoutScript(List.of(SetPlan.reps(e, asked))), BodyProportions.random(random), random);
        assertThat(w.countedReps(0)).as("%s seed %d", e, seed).isEqualTo(asked);
        assertThat(w.frames().get(w.frames().size() - 1).repsDone()).isEqualTo(asked);
        for (RepTruth r : w.reps()) {
          assertRepMatchesItsFrames(w, r);
        }
      }
    }
  }

  private static void assertRepMatchesItsFrames(Workout w, RepTruth r) {
    assertThat(r.startFrame()).isLessThanOrEqualTo(r.endFrame());
    assertThat(w.frames().get(r.startFrame()).repStart()).isTrue();
    assertThat(w.frames().get(r.endFrame()).repEnd()).isTrue();
    boolean reachedBottom = w.frames().subList(r.startFrame(), r.endFrame() + 1).stream()
        .anyMatch(f -> f.phase() == Phase.BOTTOM);
    if (r.kind() == RepKind.COUNTED) {
      assertThat(reachedBottom).as("counted rep %d reaches the bottom", r.id()).isTrue();
      assertThat(r.bottomFrame()).isBetween(r.startFrame(), r.endFrame());
      assertThat(r.endFrame() + 1 < w.frames().size() ? w.frames().get(r.endFrame() + 1).phase() : Phase.TOP)
          .as("counted rep %d returns to the top", r.id()).isEqualTo(Phase.TOP);
    } else if (!r.failed()) {
      assertThat(reachedBottom).as("partial rep %d never reaches the bottom", r.id()).isFalse();
    } else {
      assertThat(reachedBottom).isTrue();
    }
  }

  @Test
  void partialAndFailedRepsAreLabelledButNotCounted() {
    TempoModel sloppy = new TempoModel(0.1, 0.05, 0.1, 0.1, 0.5, 1.0);
    Random random = new Random(11);
    Workout w = new WorkoutGenerator(FPS, sloppy).generate(
        new WorkoutScript(List.of(SetPlan.reps(Exercise.SQUAT, 8))), BodyProportions.random(random), random);
    assertThat(w.countedReps(0)).isEqualTo(8);
    assertThat(w.reps()).anyMatch(r -> r.kind() == RepKind.PARTIAL && !r.failed());
    assertThat(w.reps()).filteredOn(RepTruth::failed).hasSize(1);
    assertThat(w.reps().get(w.reps().size() - 1).failed()).isTrue();
    w.reps().forEach(r -> assertRepMatchesItsFrames(w, r));
  }

  @Test
  void holdsTransitionsAndIdleSpellsCarryTheirOwnLabels() {
    Random random = new Random(3);
    Workout w = new WorkoutGenerator(FPS, TempoModel.STEADY).generate(
        WorkoutScript.parse("walking:3s,plank:4s,push_up:2"), BodyProportions.random(random), random);
    assertThat(w.frames()).filteredOn(f -> f.exercise() == Exercise.PLANK).allMatch(f -> f.phase() == Phase.HOLD)
        .hasSizeBetween((int) (4 * FPS) - 1, (int) (4 * FPS) + 1);
    assertThat(w.frames()).filteredOn(f -> f.exercise() == Exercise.WALKING).allMatch(f -> f.phase() == Phase.UNKNOWN);
    assertThat(w.frames()).filteredOn(f -> f.set() < 0).isNotEmpty()
        .allMatch(f -> f.exerciseLabel().equals(FrameTruth.TRANSITION_LABEL) && f.repId() < 0)
        .allMatch(f -> f.classifierLabel().equals(FrameTruth.NONE_LABEL));
    assertThat(w.frames()).filteredOn(f -> f.exercise() == Exercise.WALKING)
        .allMatch(f -> f.classifierLabel().equals(FrameTruth.NONE_LABEL));
    assertThat(w.frames()).filteredOn(f -> f.exercise() == Exercise.PUSH_UP)
        .allMatch(f -> f.classifierLabel().equals("push_up"));
    assertThat(w.countedReps(2)).isEqualTo(2);
  }

  @Test
  void floorWorkNeverPointsTheFeetAtTheWebcam() {
    for (long seed = 0; seed < 24; seed++) {
      Random random = new Random(seed);
      double cameraYaw = random.nextDouble(-180, 180);
      Exercise e = seed % 2 == 0 ? Exercise.SIT_UP : Exercise.PUSH_UP;
      Workout w = new WorkoutGenerator(FPS, TempoModel.STEADY).generate(
          new WorkoutScript(List.of(SetPlan.reps(e, 1))), BodyProportions.random(random), random, cameraYaw);
      Skeleton s = w.frames().get(0).skeleton();
      Vec3 feetToHead = s.get(Joint.HEAD_CENTER).minus(s.mid(Joint.LEFT_ANKLE, Joint.RIGHT_ANKLE));
      Vec3 flat = new Vec3(feetToHead.x(), 0, feetToHead.z()).normalized();
      Vec3 towardsCamera = new Vec3(Math.sin(Math.toRadians(cameraYaw)), 0, Math.cos(Math.toRadians(cameraYaw)));
      assertThat(flat.dot(towardsCamera)).as("%s seed %d camera %.0f", e, seed, cameraYaw).isGreaterThan(-0.7);
    }
  }

  @Test
  void sameSeedSameMotionAndAnotherSeedAnother() {
    WorkoutScript script = WorkoutScript.parse("squat:3,jumping_jack:4");
    Workout a = generate(script, 9);
    Workout b = generate(script, 9);
    Workout c = generate(script, 10);
    assertThat(a.frames()).hasSameSizeAs(b.frames());
    for (int i = 0; i < a.frames().size(); i++) {
      assertThat(a.frames().get(i).skeleton().get(Joint.LEFT_WRIST))
          .isEqualTo(b.frames().get(i).skeleton().get(Joint.LEFT_WRIST));
    }
    assertThat(c.frames().size() != a.frames().size()
        || !c.frames().get(10).skeleton().get(Joint.NOSE).equals(a.frames().get(10).skeleton().get(Joint.NOSE))).isTrue();
  }

  private static Workout generate(WorkoutScript script, long seed) {
    Random random = new Random(seed);
    return new WorkoutGenerator(FPS, TempoModel.NATURAL).generate(script, BodyProportions.random(random), random);
  }
}
