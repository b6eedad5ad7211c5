package io.repstream.exercise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExercisePhaseModelTest {
  @TempDir Path dir;

  static ModelMetadata metadata() {
    return metadata(PoseFeatures.VERSION);
  }

  static ModelMetadata metadata(int featureVersion) {
    return metadata(featureVersion, 1);
  }

  static ModelMetadata metadata(int featureVersion, int members) {
    return new ModelMetadata(ModelMetadata.FORMAT, "test-model", "0.0.1", featureVersion,
        List.of("none", "squat", "push_up"), List.of("TOP", "MOVING", "BOTTOM"), List.of(32, 32), members, 7L, Map.of(),
        Map.of());
  }

  static List<FeatureVector> poses(int n, long seed) {
    Random r = new Random(seed);
    MotionWindow window = new MotionWindow();
    List<FeatureVector> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      float[][] k = new float[17][];
      for (int j = 0; j < 17; j++) {
        k[j] = new float[] {0.3f + 0.4f * r.nextFloat(), 0.1f + 0.8f * r.nextFloat(), r.nextFloat()};
      }
      out.add(window.next(new PoseInput(k, 16f / 9)));
    }
    return out;
  }

  @Test
  void savedModelReloadsAndPredictsIdentically() throws Exception {
    List<FeatureVector> inputs = poses(12, 1);
    List<ExercisePhase> before;
    try (ExercisePhaseModel m = ExercisePhaseModel.create(metadata(), Device.cpu())) {
      m.djlModel().getBlock().initialize(m.djlModel().getNDManager(), DataType.FLOAT32, new Shape(1, PoseFeatures.SIZE));
      m.recordMetrics(Map.of("exercise_accuracy", 0.5));
      try (Predictor<FeatureVector, ExercisePhase> p = m.newPredictor()) {
        before = p.batchPredict(inputs);
      }
      m.save(dir);
    }
    try (ExercisePhaseModel loaded = ExercisePhaseModel.load(dir, Device.cpu());
        Predictor<FeatureVector, ExercisePhase> p = loaded.newPredictor()) {
      assertThat(loaded.metadata().metrics()).containsEntry("exercise_accuracy", 0.5);
      List<ExercisePhase> after = p.batchPredict(inputs);
      assertThat(after).isEqualTo(before);
      // A batch gives what single calls give.
      for (int i = 0; i < inputs.size(); i++) {
        ExercisePhase single = p.predict(inputs.get(i));
        assertThat(single.exercise()).isEqualTo(after.get(i).exercise());
        for (int j = 0; j < single.exercises().size(); j++) {
          assertThat(single.exercises().get(j).probability())
              .isCloseTo(after.get(i).exercises().get(j).probability(), org.assertj.core.data.Offset.offset(1e-6f));
        }
      }
      float total = 0;
      for (ExercisePhase.Scored s : after.get(0).exercises()) {
        total += s.probability();
      }
      assertThat(total).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-5f));
    }
  }

  @Test
  void modelOfAnotherFeatureVersionIsRefusedWithTheReason() throws Exception {
    ObjectNode meta = savedDescription();
    meta.put("featureVersion", PoseFeatures.VERSION + 1);
    rewrite(meta);
    assertThatThrownBy(() -> ExercisePhaseModel.load(dir, Device.cpu()))
        .isInstanceOf(IncompatibleModelException.class)
        .hasMessageContaining("features version " + (PoseFeatures.VERSION + 1))
        .hasMessageContaining("retrain");
  }

  @Test
  void missingOrForeignModelFilesAreRefused() throws Exception {
    assertThatThrownBy(() -> ExercisePhaseModel.load(dir, Device.cpu())).hasMessageContaining("model.json is missing");
    Files.writeString(dir.resolve(ExercisePhaseModel.METADATA_FILE), "{\"format\":\"movenet\"}");
    assertThatThrownBy(() -> ExercisePhaseModel.load(dir, Device.cpu())).hasMessageContaining("not an exercise and phase model");
  }

  @Test
  void onlyTheNewerPhaseHeadSeesWhereInTheMovementAFrameIs() throws Exception {
    for (int version = PoseFeatures.OLDEST_VERSION; version <= PoseFeatures.VERSION; version++) {
      Path saved = dir.resolve("v" + version);
      try (ExercisePhaseModel m = ExercisePhaseModel.create(metadata(version), Device.cpu())) {
        m.djlModel().getBlock().initialize(m.djlModel().getNDManager(), DataType.FLOAT32,
            new Shape(1, PoseFeatures.size(version)));
        m.save(saved);
      }
      FeatureVector frame = poses(12, 1).get(11);
      float[] elsewhere = frame.values().clone();
      for (int i = PoseFeatures.size(1); i < PoseFeatures.SIZE; i++) {
        elsewhere[i] = 2.5f;
      }
      try (ExercisePhaseModel loaded = ExercisePhaseModel.load(saved, Device.cpu());
          Predictor<FeatureVector, ExercisePhase> p = loaded.newPredictor()) {
        ExercisePhase here = p.predict(frame);
        ExercisePhase there = p.predict(new FeatureVector(elsewhere));
        assertThat(there.exercises()).as("version %d exercise", version).isEqualTo(here.exercises());
        if (version == 1) {
          // A version 1 model gets exactly the values it was trained on: the appended distances are cut off.
          assertThat(there.phases()).isEqualTo(here.phases());
        } else {
          assertThat(there.phases()).isNotEqualTo(here.phases());
        }
      }
    }
  }

  @Test
  void severalMembersGiveTheMeanOfTheirProbabilitiesAndTheOnePhaseNetworks() throws Exception {
    int members = 3;
    List<FeatureVector> inputs = poses(12, 2);
    try (ExercisePhaseModel ensemble = ExercisePhaseModel.create(metadata(PoseFeatures.VERSION, members), Device.cpu())) {
      ensemble.djlModel().getBlock().initialize(ensemble.djlModel().getNDManager(), DataType.FLOAT32,
          new Shape(1, PoseFeatures.SIZE));
      ensemble.save(dir.resolve("ensemble"));
      List<Parameter> all = ensemble.djlModel().getBlock().getParameters().values();
      List<List<ExercisePhase>> each = new ArrayList<>();
      for (int m = 0; m < members; m++) {
        try (ExercisePhaseModel single = ExercisePhaseModel.create(metadata(PoseFeatures.VERSION, 1), Device.cpu())) {
          single.djlModel().getBlock().initialize(single.djlModel().getNDManager(), DataType.FLOAT32,
              new Shape(1, PoseFeatures.SIZE));
          List<Parameter> own = single.djlModel().getBlock().getParameters().values();
          // Weights in block order: the members' first networks one after the other, then the phase network.
          int perMember = (all.size() - own.size()) / (members - 1);
          int phaseStart = members * perMember;
          for (int i = 0; i < own.size(); i++) {
            Parameter from = all.get(i < perMember ? m * perMember + i : phaseStart + i - perMember);
            own.get(i).getArray().set(FloatBuffer.wrap(from.getArray().toFloatArray()));
          }
          try (Predictor<FeatureVector, ExercisePhase> p = single.newPredictor()) {
            each.add(p.batchPredict(inputs));
          }
        }
      }
      try (ExercisePhaseModel loaded = ExercisePhaseModel.load(dir.resolve("ensemble"), Device.cpu());
          Predictor<FeatureVector, ExercisePhase> p = loaded.newPredictor()) {
        assertThat(loaded.metadata().members()).isEqualTo(members);
        List<ExercisePhase> mean = p.batchPredict(inputs);
        for (int i = 0; i < inputs.size(); i++) {
          for (ExercisePhase.Scored s : mean.get(i).exercises()) {
            double expected = 0;
            for (List<ExercisePhase> e : each) {
              expected += probability(e.get(i).exercises(), s.label()) / members;
            }
            assertThat((double) s.probability()).as("frame %d, %s", i, s.label()).isCloseTo(expected, within(1e-5));
          }
          assertThat(mean.get(i).phase()).isEqualTo(each.get(0).get(i).phase());
          for (ExercisePhase.Scored s : mean.get(i).phases()) {
            assertThat((double) s.probability()).isCloseTo(probability(each.get(0).get(i).phases(), s.label()), within(1e-6));
          }
        }
        // The members disagree, or the mean would prove nothing.
        assertThat(each.get(0).get(0).exercises()).isNotEqualTo(each.get(1).get(0).exercises());
      }
    }
  }

  @Test
  void aModelDescriptionWithoutMembersHoldsOneExerciseNetworkAndANegativeCountIsRefused() throws Exception {
    ObjectNode meta = savedDescription();
    meta.remove("members");
    rewrite(meta);
    try (ExercisePhaseModel loaded = ExercisePhaseModel.load(dir, Device.cpu())) {
      assertThat(loaded.metadata().members()).isEqualTo(1);
    }
    meta.put("members", -2);
    rewrite(meta);
    assertThatThrownBy(() -> ExercisePhaseModel.load(dir, Device.cpu()))
        .isInstanceOf(IncompatibleModelException.class)
        .hasMessageContaining("members must be at least 1, not -2");
  }

  /** Saves an untrained model of {@link #metadata()} to {@code dir} and returns its model.json, to edit. */
  private ObjectNode savedDescription() throws java.io.IOException {
    try (ExercisePhaseModel m = ExercisePhaseModel.create(metadata(), Device.cpu())) {
      m.djlModel().getBlock().initialize(m.djlModel().getNDManager(), DataType.FLOAT32, new Shape(1, PoseFeatures.SIZE));
      m.save(dir);
    }
    return (ObjectNode) new ObjectMapper().readTree(dir.resolve(ExercisePhaseModel.METADATA_FILE).toFile());
  }

  private void rewrite(ObjectNode description) throws java.io.IOException {
    new ObjectMapper().writeValue(dir.resolve(ExercisePhaseModel.METADATA_FILE).toFile(), description);
  }

  private static float probability(List<ExercisePhase.Scored> scores, String label) {
    return scores.stream().filter(s -> s.label().equals(label)).findFirst().orElseThrow().probability();
  }
}
