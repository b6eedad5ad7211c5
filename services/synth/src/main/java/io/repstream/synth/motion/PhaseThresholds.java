package io.repstream.synth.motion;

import io.repstream.schemas.Phase;

/**
 * The phase of a rep from its depth: {@code TOP} near the start position, {@code BOTTOM} near the far
 * position, {@code MOVING} between. A rep is a full one when it reaches {@link #BOTTOM_DEPTH}.
 */
public final class PhaseThresholds {
  /** At or below this depth the body is in its start (top) position. */
  public static final double TOP_DEPTH = 0.12;
  /** At or above this depth the body is in its far (bottom) position. */
  public static final double BOTTOM_DEPTH = 0.88;

  private PhaseThresholds() {}

  public static Phase of(double depth) {
    if (depth <= TOP_DEPTH) {
      return Phase.TOP;
    }
    return depth >= BOTTOM_DEPTH ? Phase.BOTTOM : Phase.MOVING;
  }
}
