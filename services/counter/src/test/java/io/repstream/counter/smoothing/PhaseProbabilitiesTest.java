package io.repstream.counter.smoothing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.repstream.schemas.LabelProbability;
import io.repstream.schemas.Phase;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhaseProbabilitiesTest {
  @Test
  void theModelsDoubtAboutExercisingIsSharedOutAmongThePhases() {
    // The bottom of a squat that the model half takes for someone crouching at rest.
    PhaseProbabilities p = PhaseProbabilities.of(List.of(new LabelProbability("BOTTOM", 0.45f),
        new LabelProbability("UNKNOWN", 0.4f), new LabelProbability("MOVING", 0.15f)), Phase.BOTTOM);
    assertThat(p.of(Phase.BOTTOM)).isCloseTo(0.75, within(1e-6));
    assertThat(p.of(Phase.MOVING)).isCloseTo(0.25, within(1e-6));
    assertThat(p.of(Phase.UNKNOWN)).isZero();
    assertThat(p.depth()).isCloseTo(0.875, within(1e-6));
  }

  @Test
  void nothingButUnknownMeansNoPhaseInformation() {
    PhaseProbabilities p = PhaseProbabilities.of(List.of(new LabelProbability("UNKNOWN", 0.97f)), Phase.UNKNOWN);
    assertThat(p.isEmpty()).isTrue();
    assertThat(new PhaseHysteresis(0.65, 0.35).observe(p)).isEqualTo(Phase.UNKNOWN);
  }
}
