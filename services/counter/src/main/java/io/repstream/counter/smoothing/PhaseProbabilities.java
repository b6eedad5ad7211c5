package io.repstream.counter.smoothing;

import io.repstream.schemas.LabelProbability;
import io.repstream.schemas.Phase;
import io.repstream.schemas.Prediction;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One frame's belief about the phase: the classifier's phase probabilities, or, when it sent none, certainty in
 * its phase label. Labels are matched to {@link Phase} names case-insensitively; unknown labels are ignored.
 */
public final class PhaseProbabilities {
  /** Weight of MOVING in the depth signal: halfway between the top (0) and the bottom (1). */
  private static final double MOVING_DEPTH = 0.5;

  private final Map<Phase, Double> probabilities;

  private PhaseProbabilities(Map<Phase, Double> probabilities) {
    this.probabilities = probabilities;
  }

  public static PhaseProbabilities of(Prediction p) {
    return of(p.getPhaseProbabilities(), p.getPhase());
  }

  public static PhaseProbabilities of(List<LabelProbability> list, Phase label) {
    Map<Phase, Double> m = new EnumMap<>(Phase.class);
    if (list != null) {
      for (LabelProbability lp : list) {
        Phase phase = parse(lp.getLabel());
        if (phase != null && Double.isFinite(lp.getProbability())) {
          m.merge(phase, Math.max(0, Math.min(1, (double) lp.getProbability())), Double::sum);
        }
      }
    }
    // The phase is asked only of a body believed to be doing an exercise: the model's UNKNOWN share is its doubt
    // about that, not evidence for either end of a rep, so the phases share the rest between them.
    Double unknown = m.remove(Phase.UNKNOWN);
    double known = m.values().stream().mapToDouble(Double::doubleValue).sum();
    if (unknown != null && known > 0) {
      m.replaceAll((phase, probability) -> probability / known);
    }
    if (m.isEmpty() && label != null && label != Phase.UNKNOWN) {
      m.put(label, 1.0);
    }
    return new PhaseProbabilities(m);
  }

  private static Phase parse(String label) {
    if (label == null) {
      return null;
    }
    try {
      return Phase.valueOf(label.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  public double of(Phase phase) {
    return probabilities.getOrDefault(phase, 0.0);
  }

  public boolean isEmpty() {
    return probabilities.isEmpty();
  }

  /** How far from the start position the body is, 0 (top) to 1 (bottom): the range-of-motion signal. */
  public double depth() {
    return of(Phase.BOTTOM) + MOVING_DEPTH * of(Phase.MOVING);
  }
}
