package io.repstream.exercise;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The exercise and phase model on the DJL PyTorch engine: a folder with {@code model.json}
 * ({@link ModelMetadata}) and the weights. Loading checks the format and the feature version and refuses,
 * with the reason, a model this code would feed the wrong inputs. Predictors are cheap and not thread-safe:
 * one per thread.
 */
public final class ExercisePhaseModel implements AutoCloseable {
  public static final String METADATA_FILE = "model.json";
  static final String WEIGHTS_PREFIX = "exercise-phase";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Model model;
  private ModelMetadata metadata;

  private ExercisePhaseModel(Model model, ModelMetadata metadata) {
    this.model = model;
    this.metadata = metadata;
  }

  /** A new, randomly initialised model for the trainer. */
  public static ExercisePhaseModel create(ModelMetadata metadata, Device device) {
    Model model = Model.newInstance(metadata.name(), device, "PyTorch");
    Block block = ExercisePhaseNetwork.build(metadata.hiddenUnits(), metadata.exercises().size(), metadata.phases().size(),
        metadata.featureVersion(), metadata.members());
    model.setBlock(block);
    return new ExercisePhaseModel(model, metadata);
  }

  public static ExercisePhaseModel load(Path dir, Device device) {
    ModelMetadata metadata = readMetadata(dir);
    Model model = Model.newInstance(metadata.name(), device, "PyTorch");
    Block block = ExercisePhaseNetwork.build(metadata.hiddenUnits(), metadata.exercises().size(), metadata.phases().size(),
        metadata.featureVersion(), metadata.members());
    block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, PoseFeatures.size(metadata.featureVersion())));
    model.setBlock(block);
    try {
      model.load(dir, WEIGHTS_PREFIX);
    } catch (IOException | MalformedModelException e) {
      model.close();
      throw new IncompatibleModelException("cannot load the weights of the exercise model in " + dir + ": " + e.getMessage());
    }
    return new ExercisePhaseModel(model, metadata);
  }

  /** The description in {@code dir}, checked as {@link #load} checks it, without loading the weights. */
  public static ModelMetadata readMetadata(Path dir) {
    Path file = dir.resolve(METADATA_FILE);
    if (!Files.isRegularFile(file)) {
      throw new IncompatibleModelException("no exercise model in " + dir.toAbsolutePath() + ": " + METADATA_FILE + " is missing");
    }
    ModelMetadata m;
    try {
      m = JSON.readValue(file.toFile(), ModelMetadata.class);
    } catch (IOException e) {
      throw new IncompatibleModelException(file + " is not a readable model description: " + e.getMessage());
    }
    if (!ModelMetadata.FORMAT.equals(m.format())) {
      throw new IncompatibleModelException(file + " describes a '" + m.format() + "' model, not an exercise and phase model ("
          + ModelMetadata.FORMAT + ")");
    }
    if (!PoseFeatures.understands(m.featureVersion())) {
      throw new IncompatibleModelException("exercise model " + m.name() + " " + m.version() + " in " + dir
          + " was trained on pose features version " + m.featureVersion() + ", but this RepStream computes versions "
          + PoseFeatures.OLDEST_VERSION + " to " + PoseFeatures.VERSION
          + ": retrain it with this version's `repstream train`, or run the RepStream version it was made for");
    }
    if (m.exercises() == null || m.exercises().isEmpty() || m.phases() == null || m.phases().isEmpty()) {
      throw new IncompatibleModelException(file + " lists no exercise or no phase classes");
    }
    return m;
  }

  public void save(Path dir) {
    try {
      Files.createDirectories(dir);
      model.save(dir, WEIGHTS_PREFIX);
      JSON.writeValue(dir.resolve(METADATA_FILE).toFile(), metadata);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the exercise model to " + dir, e);
    }
  }

  /** Records how the trained model did, to be saved in its description. */
  public void recordMetrics(java.util.Map<String, Double> metrics) {
    metadata = metadata.withMetrics(metrics);
  }

  /** A predictor for the calling thread; close it when the thread is done. */
  public Predictor<FeatureVector, ExercisePhase> newPredictor() {
    return model.newPredictor(new ExercisePhaseTranslator(metadata.exercises(), metadata.phases(),
        PoseFeatures.size(metadata.featureVersion())));
  }

  public ModelMetadata metadata() {
    return metadata;
  }

  /** The underlying DJL model, for the trainer. */
  public Model djlModel() {
    return model;
  }

  @Override
  public void close() {
    model.close();
  }
}
