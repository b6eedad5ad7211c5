package io.repstream.synth.body;

import static org.assertj.core.api.Assertions.assertThat;

import io.repstream.vision.pose.BodyPart;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Synthetic keypoints are read as the pose engine's: the first 17 joints must be MoveNet's, in its order. */
class CocoOrderTest {
  @Test
  void theFirstJointsAreThePoseEnginesKeypointsInItsOrder() {
    List<String> engine = Arrays.stream(BodyPart.values()).map(Enum::name).toList();
    List<String> synth = Arrays.stream(Joint.values()).limit(Joint.COCO_COUNT).map(Enum::name).toList();
    assertThat(Joint.COCO_COUNT).isEqualTo(BodyPart.COUNT);
    assertThat(synth).isEqualTo(engine);
  }
}
