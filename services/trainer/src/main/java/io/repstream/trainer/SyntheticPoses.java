package io.repstream.trainer;

import io.repstream.exercise.PoseInput;
import io.repstream.schemas.Phase;
import io.repstream.synth.SequenceGenerator;
import io.repstream.synth.SynthOptions;
import io.repstream.synth.SynthSequence;
import io.repstream.synth.motion.Exercise;
import io.repstream.synth.motion.FrameTruth;
import io.repstream.synth.motion.SetPlan;
import io.repstream.synth.motion.WorkoutScript;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Labelled poses from the synthetic mannequin: random workouts, bodies and cameras, keypoints with
 * MoveNet-like noise, and the exact exercise and phase of every frame. Each sequence is its own group (one
 * "person" filmed by one camera). Idle spells and transitions are labelled {@link #NONE}.
 */
public final class SyntheticPoses {
  /** The exercise label of frames where nobody is exercising. */
  public static final String NONE = "none";
  /** The rate the classifier sees frames at (ingest samples 10 fps by default). */
  static final double SAMPLE_FPS = 10;
  private static final int MIN_REPS = 3;
  private static final int MAX_REPS = 8;
  private static final double HOLD_SECONDS = 8;
  private static final double IDLE_SECONDS = 8;
  private static final int SETS_PER_SEQUENCE = 3;

  private SyntheticPoses() {}

  /** {@code sequences} random workouts over {@code exercises} (all when empty), deterministic from {@code seed}. */
  public static List<LabelledPose> generate(int sequences, List<Exercise> exercises, long seed) {
    List<Exercise> pool = new ArrayList<>();
    for (Exercise e : exercises.isEmpty() ? List.of(Exercise.values()) : exercises) {
      if (e.mode() != Exercise.Mode.IDLE) {
        pool.add(e);
      }
    }
    List<Exercise> idle = List.of(Exercise.STANDING, Exercise.WALKING, Exercise.RESTING);
    Random random = new Random(seed);
    SequenceGenerator generator = new SequenceGenerator();
    List<LabelledPose> out = new ArrayList<>();
    for (int s = 0; s < sequences; s++) {
      List<SetPlan> plan = new ArrayList<>();
      for (int k = 0; k < SETS_PER_SEQUENCE; k++) {
        if (k == 1) {
          plan.add(SetPlan.seconds(idle.get(random.nextInt(idle.size())), IDLE_SECONDS));
        }
        // Round-robin first, so every exercise appears even in a small set.
        Exercise e = pool.get((s * SETS_PER_SEQUENCE + k) % pool.size());
        plan.add(e.mode() == Exercise.Mode.HOLD ? SetPlan.seconds(e, HOLD_SECONDS)
            : SetPlan.reps(e, random.nextInt(MIN_REPS, MAX_REPS + 1)));
      }
      SynthOptions base = SynthOptions.of(new WorkoutScript(plan), random.nextLong());
      SynthOptions options = new SynthOptions(base.script(), base.seed(), SAMPLE_FPS, base.width(), base.height(),
          base.tempo(), base.noise());
      SynthSequence seq = generator.generate(options);
      float aspect = (float) options.width() / options.height();
      String group = "synthetic-" + s;
      for (int f = 0; f < seq.keypoints().size(); f++) {
        FrameTruth truth = seq.workout().frames().get(f);
        out.add(new LabelledPose(pose(seq.keypoints().get(f), aspect), exerciseLabel(truth), phaseLabel(truth), group));
      }
    }
    return out;
  }

  static String exerciseLabel(FrameTruth truth) {
    return truth.exercise() == null || truth.exercise().mode() == Exercise.Mode.IDLE ? NONE : truth.exercise().label();
  }

  static String phaseLabel(FrameTruth truth) {
    Phase p = truth.phase() == null ? Phase.UNKNOWN : truth.phase();
    return exerciseLabel(truth).equals(NONE) ? Phase.UNKNOWN.name() : p.name();
  }

  private static PoseInput pose(double[][] keypoints, float aspect) {
    float[][] k = new float[keypoints.length][];
    for (int i = 0; i < keypoints.length; i++) {
      k[i] = new float[] {(float) keypoints[i][0], (float) keypoints[i][1], (float) keypoints[i][2]};
    }
    return new PoseInput(k, aspect);
  }
}
