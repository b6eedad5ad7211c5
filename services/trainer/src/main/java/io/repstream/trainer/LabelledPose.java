package io.repstream.trainer;

import io.repstream.exercise.PoseInput;

/**
 * One training example: a pose with its exercise and phase, and the group it belongs to (the video or the
 * person), so that splits keep whole groups together. The phase is {@link #NO_PHASE} where the source does not
 * know it (a real clip labelled per clip); such examples teach the exercise head only. {@code phaseFromFootage}
 * says the phase was labelled on real footage (a clip's phases file, rep marks or movement, an image's folder)
 * rather than known exactly, as a synthetic workout's is.
 */
public record LabelledPose(PoseInput pose, String exercise, String phase, String group, boolean phaseFromFootage) {
  /** The phase of an example whose phase is not known. */
  public static final String NO_PHASE = null;

  /** An example whose phase, if any, is known exactly (synthetic). */
  public LabelledPose(PoseInput pose, String exercise, String phase, String group) {
    this(pose, exercise, phase, group, false);
  }

  /** The same example without its phase, when that was labelled on footage; otherwise this example. */
  public LabelledPose withExactPhaseOnly() {
    return phaseFromFootage && hasPhase() ? new LabelledPose(pose, exercise, NO_PHASE, group, false) : this;
  }

  public boolean hasPhase() {
    return phase != null;
  }
}
