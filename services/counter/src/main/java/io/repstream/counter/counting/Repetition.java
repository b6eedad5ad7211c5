package io.repstream.counter.counting;

import io.repstream.schemas.CountMethod;
import io.repstream.schemas.RepKind;

/**
 * One repetition as the counting logic recognised it, before it is numbered within a set.
 *
 * @param rangeOfMotion 0..1, the depth reached relative to the participant's fullest repetition
 * @param confidence 0..1, how sure the labels behind it were
 */
public record Repetition(
    RepKind kind, CountMethod method, String exercise, long startTime, long endTime, double rangeOfMotion,
    double confidence) {

  public long durationMillis() {
    return endTime - startTime;
  }

  public boolean counted() {
    return kind == RepKind.COUNTED;
  }
}
