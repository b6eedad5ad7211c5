package io.repstream.synth.check;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.repstream.synth.motion.Exercise;
import io.repstream.vision.pose.MoveNet;
import io.repstream.vision.pose.MoveNetModel;
import io.repstream.vision.pose.PoseEstimator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rendered mannequins are only fit to drive end-to-end tests if the real pose engine finds them: this renders a
 * standing, a jumping and a floor exercise with the generator's random cameras and checks MoveNet lightning finds
 * the mannequin in at least 90% of frames and places its joints where they truly are.
 */
class MannequinVisibilityTest {
  private static final double MIN_DETECTED = 0.9;
  private static final double MIN_PCK = 0.75;

  @Test
  void movenetFindsTheRenderedMannequinAndItsJoints() throws Exception {
    MannequinVisibility.Result result;
    try (MoveNet model = MoveNet.load(MoveNetModel.LIGHTNING, Device.cpu());
        PoseEstimator estimator = model.newEstimator()) {
      result = new MannequinVisibility(estimator).measure(new MannequinVisibility.Plan(
          List.of(Exercise.SQUAT, Exercise.JUMPING_JACK, Exercise.PUSH_UP, Exercise.STANDING), 1, 3, 6),
          new PrintStream(new ByteArrayOutputStream()));
    }
    System.out.print(result.markdown());
    MannequinVisibility.Tally all = result.total();
    assertThat(all.frames()).isGreaterThan(40);
    assertThat(all.detectedShare()).as(result.summary()).isGreaterThanOrEqualTo(MIN_DETECTED);
    assertThat(all.pck()).as(result.summary()).isGreaterThanOrEqualTo(MIN_PCK);
  }
}
