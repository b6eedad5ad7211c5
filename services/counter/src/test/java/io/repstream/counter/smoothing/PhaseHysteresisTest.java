package io.repstream.counter.smoothing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.repstream.schemas.LabelProbability;
import io.repstream.schemas.Phase;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhaseHysteresisTest {
  private static PhaseProbabilities bottom(double p) {
    return PhaseProbabilities.of(List.of(new LabelProbability("BOTTOM", (float) p),
        new LabelProbability("moving", (float) (1 - p))), Phase.UNKNOWN);
  }

  @Test
  void entersAboveTheHighThresholdAndLeavesOnlyBelowTheLowOne() {
    PhaseHysteresis h = new PhaseHysteresis(0.65, 0.35);
    assertThat(h.observe(bottom(0.6))).isEqualTo(Phase.MOVING);
    assertThat(h.observe(bottom(0.7))).isEqualTo(Phase.BOTTOM);
    assertThat(h.observe(bottom(0.5))).isEqualTo(Phase.BOTTOM);
    assertThat(h.observe(bottom(0.36))).isEqualTo(Phase.BOTTOM);
    assertThat(h.observe(bottom(0.3))).isEqualTo(Phase.MOVING);
    assertThat(h.observe(bottom(0.6))).isEqualTo(Phase.MOVING);
  }

  @Test
  void fallsBackToTheLabelWhenThereAreNoProbabilities() {
    PhaseHysteresis h = new PhaseHysteresis(0.65, 0.35);
    assertThat(h.observe(PhaseProbabilities.of(List.of(), Phase.TOP))).isEqualTo(Phase.TOP);
    assertThat(h.observe(PhaseProbabilities.of(List.of(), Phase.BOTTOM))).isEqualTo(Phase.BOTTOM);
    assertThat(h.observe(PhaseProbabilities.of(List.of(), Phase.UNKNOWN))).isEqualTo(Phase.BOTTOM);
  }

  @Test
  void depthIsBottomPlusHalfOfMoving() {
    PhaseProbabilities p = PhaseProbabilities.of(List.of(new LabelProbability("TOP", 0.2f),
        new LabelProbability("MOVING", 0.4f), new LabelProbability("BOTTOM", 0.4f)), Phase.MOVING);
    assertThat(p.depth()).isCloseTo(0.6, within(1e-6));
  }
}
