package io.repstream.synth.motion;

import io.repstream.schemas.RepKind;

/**
 * One rep as it really happened. {@code number} is the count within the set after this rep (unchanged for reps
 * that do not count). Frames are inclusive; {@code bottomFrame} is -1 when the bottom was never reached.
 * A failed rep reached the bottom but never came back to the top.
 */
public record RepTruth(int id, int set, Exercise exercise, RepKind kind, boolean failed, int number,
    int startFrame, int bottomFrame, int endFrame) {

  /** Collects a rep's frames while the timeline is sampled. */
  static final class Builder {
    final int id;
    final int set;
    final Exercise exercise;
    final RepKind kind;
    final boolean failed;
    final int number;
    int startFrame = -1;
    int bottomFrame = -1;
    int endFrame = -1;

    Builder(int id, int set, Exercise exercise, RepKind kind, boolean failed, int number) {
      this.id = id;
      this.set = set;
      this.exercise = exercise;
      this.kind = kind;
      this.failed = failed;
      this.number = number;
    }

    RepTruth build() {
      return new RepTruth(id, set, exercise, kind, failed, number, startFrame, bottomFrame, endFrame);
    }
  }
}
