package io.repstream.counter.smoothing;

import io.repstream.schemas.Phase;

/**
 * Turns per-frame phase probabilities into a steady phase. A phase (TOP, BOTTOM or HOLD) is entered when its
 * probability reaches the high threshold and kept until it falls to the low one, so a probability wavering
 * around one value cannot make the phase flicker; in between the body is MOVING.
 */
public final class PhaseHysteresis {
  private static final Phase[] HELD_PHASES = {Phase.BOTTOM, Phase.TOP, Phase.HOLD};

  private final double enter;
  private final double exit;
  private Phase current = Phase.UNKNOWN;

  public PhaseHysteresis(double enter, double exit) {
    this.enter = enter;
    this.exit = exit;
  }

  public Phase observe(PhaseProbabilities p) {
    if (p.isEmpty()) {
      // No phase information in this frame: keep what we believed, the machine sees no change.
      return current;
    }
    if (current != Phase.MOVING && current != Phase.UNKNOWN && p.of(current) > exit) {
      return current;
    }
    Phase next = Phase.MOVING;
    for (Phase candidate : HELD_PHASES) {
      if (p.of(candidate) >= enter) {
        next = candidate;
        break;
      }
    }
    current = next;
    return current;
  }

  public Phase current() {
    return current;
  }

  public void restore(Phase phase) {
    current = phase;
  }
}
