package io.repstream.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.repstream.exercise.PoseInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClipFoldsTest {
  @Test
  void dealsEveryClipIntoExactlyOneFold() {
    List<String> clips = List.of("a.mp4", "b.mp4", "c.mp4", "d.mp4", "e.mp4", "f.mp4", "g.mp4");
    List<List<String>> folds = ClipFolds.deal(clips, 3, 7L);
    assertThat(folds).hasSize(3);
    List<String> all = new ArrayList<>();
    folds.forEach(all::addAll);
    assertThat(all).containsExactlyInAnyOrderElementsOf(clips);
    assertThat(folds).allSatisfy(f -> assertThat(f.size()).isBetween(2, 3));
    assertThat(ClipFolds.deal(clips, 3, 7L)).isEqualTo(folds);
    assertThat(ClipFolds.deal(List.of("a.mp4", "b.mp4"), 5, 1L)).hasSize(2);
    assertThatThrownBy(() -> ClipFolds.deal(clips, 1, 7L)).hasMessageContaining("at least 2 folds");
  }

  @Test
  void copiesOfRealClipsAreSeparateGroupsWithTheSameLabels() {
    PoseInput pose = new PoseInput(new float[PoseInput.KEYPOINTS][3], 1f);
    List<LabelledPose> real = List.of(new LabelledPose(pose, "squat", LabelledPose.NO_PHASE, "a.mp4"),
        new LabelledPose(pose, "squat", LabelledPose.NO_PHASE, "a.mp4"));
    List<LabelledPose> three = ClipFolds.copies(real, 3);
    assertThat(three).hasSize(6).extracting(LabelledPose::group).containsExactly("a.mp4", "a.mp4", "a.mp4#2", "a.mp4#2",
        "a.mp4#3", "a.mp4#3");
    assertThat(three).allSatisfy(p -> assertThat(p.hasPhase()).isFalse()).extracting(LabelledPose::exercise).containsOnly("squat");
  }

  @Test
  void overallAccuracyWeighsClipsByFramesAndCountsFramesWithoutAPoseAsWrong() {
    var a = new ClipFolds.ClipScore("a.mp4", "squat", 1, 100, 90, 90, Map.of("squat", 90));
    var b = new ClipFolds.ClipScore("b.mp4", "push_up", 2, 300, 300, 150, Map.of("push_up", 150, "plank", 150));
    assertThat(a.accuracy()).isEqualTo(0.9);
    assertThat(a.accuracyOnPoses()).isEqualTo(1.0);
    assertThat(ClipFolds.overall(List.of(a, b))).isEqualTo(240 / 400.0);
    assertThat(ClipFolds.markdown("t", List.of(a, b))).contains("| a.mp4 | squat | 1 | 100 | 90 | 90 | 90.0% | 100.0% | squat 90 |")
        .contains("1 of 2 clips at 90%");
  }
}
