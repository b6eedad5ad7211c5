package io.repstream.synth.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.repstream.synth.body.Joint;
import io.repstream.synth.camera.ProjectedPose;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NoisyKeypointsTest {
  private static ProjectedPose pose(boolean occludedKnee) {
    double[] x = new double[Joint.COCO_COUNT];
    double[] y = new double[Joint.COCO_COUNT];
    boolean[] in = new boolean[Joint.COCO_COUNT];
    boolean[] occ = new boolean[Joint.COCO_COUNT];
    for (int i = 0; i < Joint.COCO_COUNT; i++) {
      x[i] = 0.4 + 0.2 * (i % 2);
      y[i] = 0.1 + 0.8 * i / Joint.COCO_COUNT;
    }
    Arrays.fill(in, true);
    occ[Joint.LEFT_KNEE.ordinal()] = occludedKnee;
    return new ProjectedPose(x, y, in, occ);
  }

  @Test
  void withoutNoiseTheKeypointsAreTheTruth() {
    NoisyKeypoints n = KeypointNoise.NONE.start(new Random(1));
    ProjectedPose truth = pose(true);
    double[][] k = n.observe(truth);
    for (int i = 0; i < Joint.COCO_COUNT; i++) {
      assertThat(k[i][0]).isEqualTo(truth.x()[i]);
      assertThat(k[i][1]).isEqualTo(truth.y()[i]);
    }
    assertThat(k[Joint.NOSE.ordinal()][2]).isEqualTo(1.0);
    assertThat(k[Joint.LEFT_KNEE.ordinal()][2]).isEqualTo(0.5);
  }

  @Test
  void jitterHasTheNamedSizeAndHiddenJointsScoreLower() {
    KeypointNoise model = new KeypointNoise(0.02, 0.5, 2.0, 3.0, 0, 1, 0, 1, 0.7, 0.3, 0.1, 0);
    NoisyKeypoints n = model.start(new Random(2));
    ProjectedPose truth = pose(true);
    double size = truth.boxDiagonal();
    int frames = 4000;
    double[] sq = new double[Joint.COCO_COUNT];
    double[] score = new double[Joint.COCO_COUNT];
    for (int f = 0; f < frames; f++) {
      double[][] k = n.observe(truth);
      for (int i = 0; i < Joint.COCO_COUNT; i++) {
        double dx = k[i][0] - truth.x()[i];
        sq[i] += dx * dx;
        score[i] += k[i][2];
      }
    }
    double nose = Math.sqrt(sq[Joint.NOSE.ordinal()] / frames);
    double wrist = Math.sqrt(sq[Joint.LEFT_WRIST.ordinal()] / frames);
    double knee = Math.sqrt(sq[Joint.LEFT_KNEE.ordinal()] / frames);
    assertThat(nose).isCloseTo(0.02 * size, within(0.15 * 0.02 * size));
    assertThat(wrist).isCloseTo(0.04 * size, within(0.15 * 0.04 * size));
    assertThat(knee).isCloseTo(0.06 * size, within(0.15 * 0.06 * size));
    assertThat(score[Joint.NOSE.ordinal()] / frames).isCloseTo(0.7, within(0.02));
    assertThat(score[Joint.LEFT_KNEE.ordinal()] / frames).isCloseTo(0.3, within(0.02));
  }

  @Test
  void namedParametersCanBeChangedByName() {
    KeypointNoise changed = KeypointNoise.MOVENET_LIKE.with("jitter=0.03, swapRate=0");
    assertThat(changed.jitter()).isEqualTo(0.03);
    assertThat(changed.swapRate()).isZero();
    assertThat(changed.dropRate()).isEqualTo(KeypointNoise.MOVENET_LIKE.dropRate());
    assertThatThrownBy(() -> KeypointNoise.MOVENET_LIKE.with("wobble=1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wobble").hasMessageContaining("jitter");
    assertThatThrownBy(() -> KeypointNoise.MOVENET_LIKE.with("dropRate=2"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dropRate");
  }

  @Test
  void swapsExchangeLeftAndRightForAWhile() {
    KeypointNoise model = new KeypointNoise(0, 0, 1, 1, 0, 1, 0.02, 5, 0.7, 0.3, 0, 0);
    NoisyKeypoints n = model.start(new Random(3));
    ProjectedPose truth = pose(false);
    int swapped = 0;
    int frames = 5000;
    for (int f = 0; f < frames; f++) {
      double[][] k = n.observe(truth);
      if (k[Joint.LEFT_WRIST.ordinal()][0] == truth.x()[Joint.RIGHT_WRIST.ordinal()]) {
        swapped++;
      }
    }
    // A swap starts on about 2% of frames and lasts about 5 frames: roughly 9% of frames are swapped.
    assertThat(swapped / (double) frames).isBetween(0.05, 0.14);
  }
}
