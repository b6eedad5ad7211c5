package io.repstream.synth.motion;

/**
 * Where a motion is: {@code depth} 0 at the start (top) position and 1 at the far (bottom) position,
 * {@code rising} true on the way back up, {@code repIndex} counts the reps of the set from 0 (alternating
 * exercises switch sides on it) and {@code seconds} is the time since the set began (for gaits and sway).
 */
public record RepPoint(double depth, boolean rising, int repIndex, double seconds) {
  public static RepPoint at(double depth) {
    return new RepPoint(depth, false, 0, 0);
  }
}
