package io.repstream.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.inference.Predictor;
import io.repstream.exercise.ExercisePhase;
import io.repstream.exercise.ExercisePhaseModel;
import io.repstream.exercise.FeatureVector;
import io.repstream.exercise.PoseInput;
import io.repstream.synth.motion.Exercise;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
  void aHeldOutClipIsScoredOverAllItsFramesAndOnceUnderWayAfterTheWindowFills() throws Exception {
    List<LabelledPose> poses = SyntheticPoses.generate(6, List.of(Exercise.SQUAT, Exercise.PUSH_UP), 5L);
    GroupSplit split = GroupSplit.of(poses, 0.2, 3L);
    // One unseen workout stands in for a video labelled with one exercise, as clips.tsv labels them.
    String held = split.validationGroups().get(0);
    List<LabelledPose> clip = poses.stream().filter(p -> p.group().equals(held))
        .map(p -> new LabelledPose(p.pose(), "squat", LabelledPose.NO_PHASE, "clip.mp4")).toList();
    LabelledClips.Loaded real = new LabelledClips.Loaded(clip, Map.of("clip.mp4", clip.size() + 5), List.of(), Map.of());
    ModelTrainer.Result result = new ModelTrainer(TrainingOptions.DEFAULT.withMaxEpochs(2), Device.cpu())
        .train(split.train(), split.validation(), "folds", "0.1", Map.of());
    try (ExercisePhaseModel model = result.model();
        Predictor<FeatureVector, ExercisePhase> predictor = model.newPredictor()) {
      List<ExercisePhase> answers = predictor.batchPredict(ModelTrainer.featureVectors(clip, null, null));
      int right = 0;
      int rightUnderWay = 0;
      for (int i = 0; i < answers.size(); i++) {
        if (answers.get(i).exercise().equals("squat")) {
          right++;
          rightUnderWay += i >= ClipFolds.WARM_UP_FRAMES ? 1 : 0;
        }
      }
      ClipFolds.ClipScore score = ClipFolds.score(model, real, List.of("clip.mp4"), 1).get(0);
      assertThat(score.sampledFrames()).isEqualTo(clip.size() + 5);
      assertThat(score.framesWithPose()).isEqualTo(clip.size());
      assertThat(score.correctFrames()).isEqualTo(right);
      assertThat(score.framesUnderWay()).isEqualTo(clip.size() - ClipFolds.WARM_UP_FRAMES);
      assertThat(score.correctUnderWay()).isEqualTo(rightUnderWay);
      assertThat(score.phaseSource()).isEqualTo(Optional.empty());
    }
  }

  @Test
  void overallAccuracyWeighsClipsByFramesAndCountsFramesWithoutAPoseAsWrong() {
    var a = new ClipFolds.ClipScore("a.mp4", "squat", 1, 100, 90, 90, 60, 60, Map.of("squat", 90));
    var b = new ClipFolds.ClipScore("b.mp4", "push_up", 2, 300, 300, 150, 270, 150, Map.of("push_up", 150, "plank", 150));
    assertThat(a.accuracy()).isEqualTo(0.9);
    assertThat(a.accuracyOnPoses()).isEqualTo(1.0);
    assertThat(ClipFolds.overall(List.of(a, b))).isEqualTo(240 / 400.0);
    assertThat(ClipFolds.overallUnderWay(List.of(a, b))).isEqualTo(210 / 330.0);
    assertThat(ClipFolds.markdown("t", List.of(a, b)))
        .contains("| a.mp4 | squat | 1 | 100 | 90 | 90 | 90.0% | 100.0% | 100.0% of 60 | squat 90 |")
        .contains("1 of 2 clips at 90%").contains("Once under way: **63.6%** of the 330 posed frames after each clip's first 30");
  }
}
