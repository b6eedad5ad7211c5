package io.repstream.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.inference.Predictor;
import io.repstream.exercise.ExercisePhase;
import io.repstream.exercise.ExercisePhaseModel;
import io.repstream.exercise.FeatureVector;
import io.repstream.synth.motion.Exercise;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

class ModelTrainerTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "pose features version {0}")
  @ValueSource(ints = {1, 2})
  void learnsExerciseAndPhaseOfSyntheticPosesOnUnseenPeople(int featureVersion) throws Exception {
    List<Exercise> exercises = List.of(Exercise.SQUAT, Exercise.PUSH_UP, Exercise.JUMPING_JACK, Exercise.BICEPS_CURL);
    List<LabelledPose> poses = SyntheticPoses.generate(24, exercises, 11L);
    GroupSplit split = GroupSplit.of(poses, 0.25, 3L);
    assertThat(split.validation()).extracting(LabelledPose::group).doesNotContainAnyElementsOf(
        split.train().stream().map(LabelledPose::group).toList());

    TrainingOptions options = TrainingOptions.DEFAULT.withMaxEpochs(20).withFeatureVersion(featureVersion);
    ModelTrainer.Result result = new ModelTrainer(options, Device.cpu())
        .train(split.train(), split.validation(), "test-model", "0.1", Map.of("synthetic_sequences", 24));
    try (ExercisePhaseModel model = result.model()) {
      // Pictures to look at when this fails: what gets confused with what, and how training went.
      assertThat(model.metadata().featureVersion()).isEqualTo(featureVersion);
      Path pictures = Files.createDirectories(Path.of("target", "training", "features-" + featureVersion));
      Charts.confusionMatrix(result.exercises(), "Exercise", pictures.resolve("exercise-confusion.png"));
      Charts.confusionMatrix(result.phases(), "Phase", pictures.resolve("phase-confusion.png"));
      TrainingReport.trainingCurves(result, pictures.resolve("curves.png"));
      assertThat(Files.size(pictures.resolve("exercise-confusion.png"))).isGreaterThan(1000);

      // Single frames at the edge of a set are ambiguous (standing still is the top of a squat and of a
      // curl, and idle spells are the weakest class); the counter votes over time. Chance is 20%; what must
      // hold is most frames right and most sets right as a whole.
      assertThat(result.exercises().accuracy()).as("frame-level exercise accuracy on unseen people").isGreaterThan(0.8);
      assertThat(result.phases().accuracy()).as("frame-level phase accuracy on unseen people").isGreaterThan(0.7);
      List<FeatureVector> vectors = ModelTrainer.featureVectors(split.validation(), null, null);
      List<ExercisePhase> answers;
      try (Predictor<FeatureVector, ExercisePhase> p = model.newPredictor()) {
        answers = p.batchPredict(vectors);
      }
      assertThat(setLevelAccuracy(split.validation(), answers)).as("sets whose majority label is right").isGreaterThanOrEqualTo(0.75);

      model.save(dir.resolve("model"));
      List<FeatureVector> sample = vectors.subList(0, 50);
      try (ExercisePhaseModel reloaded = ExercisePhaseModel.load(dir.resolve("model"), Device.cpu());
          Predictor<FeatureVector, ExercisePhase> p = reloaded.newPredictor()) {
        assertThat(p.batchPredict(sample)).isEqualTo(answers.subList(0, 50));
        assertThat(reloaded.metadata().metrics()).containsKey("validation_exercise_accuracy");
      }
    }
  }

  @Test
  void aVersion2ModelNamesTheExerciseExactlyAsTheVersion1ModelOfTheSameSeed() throws Exception {
    List<LabelledPose> poses = SyntheticPoses.generate(12, List.of(Exercise.SQUAT, Exercise.LUNGE, Exercise.BICEPS_CURL), 4L);
    GroupSplit split = GroupSplit.of(poses, 0.25, 3L);
    TrainingOptions options = TrainingOptions.DEFAULT.withMaxEpochs(4).withFeatureVersion(1);
    List<FeatureVector> vectors = ModelTrainer.featureVectors(split.validation(), null, null);
    List<Path> checkpointsBefore = checkpointFolders();
    List<ExercisePhase> version1;
    ModelTrainer.Result first = new ModelTrainer(options, Device.cpu())
        .train(split.train(), split.validation(), "v1", "0.1", Map.of());
    try (ExercisePhaseModel model = first.model(); Predictor<FeatureVector, ExercisePhase> p = model.newPredictor()) {
      version1 = p.batchPredict(vectors);
      assertThat(first.phaseNetworkHistory()).isEmpty();
    }
    ModelTrainer.Result second = new ModelTrainer(options.withFeatureVersion(2), Device.cpu())
        .train(split.train(), split.validation(), "v2", "0.1", Map.of());
    try (ExercisePhaseModel model = second.model(); Predictor<FeatureVector, ExercisePhase> p = model.newPredictor()) {
      List<ExercisePhase> version2 = p.batchPredict(vectors);
      assertThat(version2).extracting(ExercisePhase::exercises).isEqualTo(version1.stream().map(ExercisePhase::exercises).toList());
      assertThat(version2).extracting(ExercisePhase::phases).isNotEqualTo(version1.stream().map(ExercisePhase::phases).toList());
      assertThat(second.history()).isEqualTo(first.history());
      // The phase network stops on its own figures, with no exercise to score.
      assertThat(second.phaseNetworkHistory()).isNotEmpty()
          .allSatisfy(e -> assertThat(e.exerciseAccuracy()).isNaN())
          .allSatisfy(e -> assertThat(e.phaseAccuracy()).isBetween(0.0, 1.0));
      assertThat(model.metadata().metrics()).containsEntry("phase_network_best_epoch", (double) second.phaseNetworkBestEpoch());
    }
    assertThat(checkpointFolders()).as("checkpoints left behind").isEqualTo(checkpointsBefore);
  }

  @Test
  void severalMembersTrainOneAfterTheOtherTheFirstAsTheOneMemberModelOfTheSameSeed() throws Exception {
    List<LabelledPose> poses = SyntheticPoses.generate(12, List.of(Exercise.SQUAT, Exercise.LUNGE, Exercise.BICEPS_CURL), 4L);
    GroupSplit split = GroupSplit.of(poses, 0.25, 3L);
    TrainingOptions options = TrainingOptions.DEFAULT.withMaxEpochs(4);
    List<FeatureVector> vectors = ModelTrainer.featureVectors(split.validation(), null, null);
    ModelTrainer.Result one = new ModelTrainer(options.withMembers(1), Device.cpu())
        .train(split.train(), split.validation(), "one", "0.1", Map.of());
    ModelTrainer.Result three = new ModelTrainer(options.withMembers(3), Device.cpu())
        .train(split.train(), split.validation(), "three", "0.1", Map.of());
    try (ExercisePhaseModel single = one.model(); ExercisePhaseModel ensemble = three.model();
        Predictor<FeatureVector, ExercisePhase> ps = single.newPredictor();
        Predictor<FeatureVector, ExercisePhase> pe = ensemble.newPredictor()) {
      assertThat(three.members()).hasSize(3);
      assertThat(three.members().get(0)).isEqualTo(one.members().get(0));
      assertThat(three.members().get(1).history()).isNotEqualTo(three.members().get(0).history());
      assertThat(three.members().get(2).history()).isNotEqualTo(three.members().get(1).history());
      assertThat(ensemble.metadata().members()).isEqualTo(3);
      assertThat(ensemble.metadata().metrics()).containsEntry("member_3_best_epoch", (double) three.members().get(2).best());
      List<ExercisePhase> answers = pe.batchPredict(vectors);
      assertThat(answers).extracting(ExercisePhase::exercises)
          .isNotEqualTo(ps.batchPredict(vectors).stream().map(ExercisePhase::exercises).toList());
      assertThat(three.exercises().accuracy()).as("the mean of three networks on unseen people").isGreaterThan(0.8);

      ensemble.save(dir.resolve("ensemble"));
      try (ExercisePhaseModel reloaded = ExercisePhaseModel.load(dir.resolve("ensemble"), Device.cpu());
          Predictor<FeatureVector, ExercisePhase> p = reloaded.newPredictor()) {
        assertThat(p.batchPredict(vectors)).isEqualTo(answers);
      }
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> options.withMembers(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("members must be at least 1");
  }

  @Test
  void phasesLabelledOnFootageTeachTheVersion2PhaseNetworkAndLeaveTheExerciseNetworkAsItWas() throws Exception {
    List<LabelledPose> poses = SyntheticPoses.generate(12, List.of(Exercise.SQUAT, Exercise.LUNGE, Exercise.BICEPS_CURL), 4L);
    GroupSplit split = GroupSplit.of(poses, 0.25, 3L);
    // Odd training sequences play real clips: once with no phase (labelled per clip), once with phases labelled on footage.
    List<LabelledPose> perClip = split.train().stream().map(p -> odd(p) ? new LabelledPose(p.pose(), p.exercise(),
        LabelledPose.NO_PHASE, p.group()) : p).toList();
    List<LabelledPose> footage = split.train().stream().map(p -> odd(p) ? new LabelledPose(p.pose(), p.exercise(),
        p.phase(), p.group(), true) : p).toList();
    TrainingOptions options = TrainingOptions.DEFAULT.withMaxEpochs(4).withFeatureVersion(2);
    List<FeatureVector> vectors = ModelTrainer.featureVectors(split.validation(), null, null);
    ModelTrainer.Result withoutPhases = new ModelTrainer(options, Device.cpu()).train(perClip, split.validation(), "a", "0.1", Map.of());
    ModelTrainer.Result withPhases = new ModelTrainer(options, Device.cpu()).train(footage, split.validation(), "b", "0.1", Map.of());
    try (ExercisePhaseModel a = withoutPhases.model(); ExercisePhaseModel b = withPhases.model();
        Predictor<FeatureVector, ExercisePhase> pa = a.newPredictor(); Predictor<FeatureVector, ExercisePhase> pb = b.newPredictor()) {
      List<ExercisePhase> answersA = pa.batchPredict(vectors);
      List<ExercisePhase> answersB = pb.batchPredict(vectors);
      assertThat(answersB).extracting(ExercisePhase::exercises).isEqualTo(answersA.stream().map(ExercisePhase::exercises).toList());
      assertThat(withPhases.history()).isEqualTo(withoutPhases.history());
      assertThat(answersB).extracting(ExercisePhase::phases).isNotEqualTo(answersA.stream().map(ExercisePhase::phases).toList());
      assertThat(withPhases.phaseNetworkHistory()).isNotEqualTo(withoutPhases.phaseNetworkHistory());
    }
  }

  private static boolean odd(LabelledPose p) {
    return Integer.parseInt(p.group().replace("synthetic-", "")) % 2 == 1;
  }

  private static List<Path> checkpointFolders() throws java.io.IOException {
    try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files.filter(f -> f.getFileName().toString().startsWith("repstream-train-")).sorted().toList();
    }
  }

  @Test
  void examplesWithoutAPhaseLabelCountForTheExerciseOnly() {
    List<LabelledPose> poses = SyntheticPoses.generate(8, List.of(Exercise.SQUAT, Exercise.PUSH_UP), 5L);
    // Odd sequences lose their phases, as real clips labelled per clip come; split first so both sides have some.
    GroupSplit bySequence = GroupSplit.of(poses, 0.25, 3L);
    String unlabelledValidation = bySequence.validationGroups().get(0);
    List<LabelledPose> mixed = poses.stream().map(p -> p.group().equals(unlabelledValidation)
        || (!bySequence.validationGroups().contains(p.group()) && Integer.parseInt(p.group().replace("synthetic-", "")) % 2 == 1)
        ? new LabelledPose(p.pose(), p.exercise(), LabelledPose.NO_PHASE, p.group()) : p).toList();
    GroupSplit split = GroupSplit.of(mixed, 0.25, 3L);
    long phaseLabelled = split.validation().stream().filter(LabelledPose::hasPhase).count();
    assertThat(phaseLabelled).isPositive().isLessThan(split.validation().size());

    ModelTrainer trainer = new ModelTrainer(TrainingOptions.DEFAULT.withMaxEpochs(3), Device.cpu());
    ModelTrainer.Result result = trainer.train(split.train(), split.validation(), "mixed", "0.1", Map.of());
    try (ExercisePhaseModel model = result.model()) {
      assertThat(model.metadata().phases()).doesNotContainNull().isNotEmpty();
      assertThat(result.exercises().total()).isEqualTo(split.validation().size());
      assertThat(result.phases().total()).isEqualTo(phaseLabelled);
      assertThat(result.history()).allSatisfy(e -> assertThat(e.phaseAccuracy()).isBetween(0.0, 1.0));
    }

    List<LabelledPose> noPhases = mixed.stream().filter(p -> !p.hasPhase()).toList();
    GroupSplit unlabelled = GroupSplit.of(noPhases, 0.25, 3L);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> trainer.train(unlabelled.train(), unlabelled.validation(), "x", "0", Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("phase label");
  }

  /** Share of runs of one true exercise (a set or an idle spell) whose most frequent prediction is that exercise. */
  static double setLevelAccuracy(List<LabelledPose> poses, List<ExercisePhase> answers) {
    List<Boolean> right = new ArrayList<>();
    Map<String, Integer> votes = new HashMap<>();
    for (int i = 0; i < poses.size(); i++) {
      votes.merge(answers.get(i).exercise(), 1, Integer::sum);
      boolean runEnds = i + 1 == poses.size() || !poses.get(i + 1).group().equals(poses.get(i).group())
          || !poses.get(i + 1).exercise().equals(poses.get(i).exercise());
      if (runEnds) {
        String majority = votes.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        right.add(majority.equals(poses.get(i).exercise()));
        votes.clear();
      }
    }
    return right.stream().filter(b -> b).count() / (double) right.size();
  }
}
