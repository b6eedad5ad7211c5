package io.repstream.trainer;

import io.repstream.exercise.PoseInput;

/**
 * One training example: a pose with its exercise and phase, and the group it belongs to (the video or the
 * person), so that splits keep whole groups together. The phase is {@link #NO_PHASE} where the source does not
 * know it (a real clip labelled per clip); such examples teach the exercise head only.
 */
public record LabelledPose(PoseInput pose, String exercise, String phase, String group) {
  /** The phase of an example whose phase is not known. */
  public static final String NO_PHASE = null;

  public boolean hasPhase() {
    return phase != null;
  }
}
