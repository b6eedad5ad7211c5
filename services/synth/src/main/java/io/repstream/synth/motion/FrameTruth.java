package io.repstream.synth.motion;

import io.repstream.schemas.Phase;
import io.repstream.synth.body.Skeleton;

/**
 * The truth about one frame. {@code set} is the 0-based set index, -1 during a transition (whose exercise is
 * null). {@code repsDone} is the count of counted reps finished so far in the set; {@code repId} the rep under
 * way (-1 if none). {@code barHeight} is the height of the pull-up bar when one is in use, else NaN.
 */
public record FrameTruth(int frame, double seconds, int set, Exercise exercise, Phase phase, double depth,
    int repsDone, int repId, boolean repStart, boolean repEnd, Skeleton skeleton, double barHeight) {

  public static final String TRANSITION_LABEL = "transition";
  /** What the pipeline's classifier calls anything that is not an exercise. */
  public static final String NONE_LABEL = "none";

  public String exerciseLabel() {
    return exercise == null ? TRANSITION_LABEL : exercise.label();
  }

  /** The classifier's target: the exercise, or {@value #NONE_LABEL} for idle activities and transitions. */
  public String classifierLabel() {
    return exercise == null || exercise.mode() == Exercise.Mode.IDLE ? NONE_LABEL : exercise.label();
  }

  public boolean hasBar() {
    return !Double.isNaN(barHeight);
  }
}
