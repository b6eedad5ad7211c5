package io.repstream.trainer;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.IndexLoss;
import ai.djl.training.loss.Loss;
import ai.djl.training.loss.SimpleCompositeLoss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.training.util.ProgressBar;
import ai.djl.translate.TranslateException;
import io.repstream.common.files.ScratchFolder;
import io.repstream.exercise.ExercisePhaseModel;
import io.repstream.exercise.ExercisePhaseNetwork;
import io.repstream.exercise.FeatureVector;
import io.repstream.exercise.MotionWindow;
import io.repstream.exercise.ModelMetadata;
import io.repstream.exercise.PoseFeatures;
import io.repstream.exercise.PoseInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the exercise and phase model on labelled poses: fresh augmentation every epoch, one loss per head
 * summed, validation after each epoch on held-out groups, the best epoch's weights kept, and a stop once
 * validation has not improved for {@code patience} epochs.
 * From pose features version 2 the model holds two networks ({@link ExercisePhaseNetwork}), and they are
 * trained one after the other, each with its own early stopping: first the version 1 network, exactly as a
 * version 1 model is trained (the same seed gives it the same weights), then the phase network. The exercise
 * head is then the version 1 model's, whatever the phase network learns. With several members, each exercise
 * network is trained in turn, the first from the seed's initial weights, the next from the seed plus one, and so on.
 */
public final class ModelTrainer {
  private static final Logger LOG = LoggerFactory.getLogger(ModelTrainer.class);
  private static final String CHECKPOINT = "best";

  private final TrainingOptions options;
  private final Device device;

  public ModelTrainer(TrainingOptions options, Device device) {
    this.options = options;
    this.device = device;
  }

  /**
   * The outcome: the trained model (best epochs) and its record: one training per exercise network (member), and the
   * phase network's from feature version 2 on (null before).
   */
  public record Result(ExercisePhaseModel model, List<Stage> members, Stage phaseNetwork,
      ConfusionMatrix exercises, ConfusionMatrix phases, List<Mistake> mistakes) {
    /** The first exercise network's epochs, as a model with one member has them. */
    public List<EpochRecord> history() {
      return members.get(0).history();
    }

    public int bestEpoch() {
      return members.get(0).best();
    }

    public List<EpochRecord> phaseNetworkHistory() {
      return phaseNetwork == null ? List.of() : phaseNetwork.history();
    }

    public int phaseNetworkBestEpoch() {
      return phaseNetwork == null ? 0 : phaseNetwork.best();
    }
  }

  /** How one network's training went: every epoch, and the best one, whose weights the network holds. */
  public record Stage(List<EpochRecord> history, int best) {}

  /** A validation pose the model got wrong, and how sure it was. */
  public record Mistake(LabelledPose example, String predictedExercise, String predictedPhase, float confidence) {}

  public Result train(List<LabelledPose> train, List<LabelledPose> validation, String name, String version,
      Map<String, Object> dataSummary) {
    if (train.isEmpty() || validation.isEmpty()) {
      throw new IllegalArgumentException("need training and validation examples; got " + train.size() + " and " + validation.size());
    }
    List<String> exercises = labels(train, validation, true);
    List<String> phases = labels(train, validation, false);
    if (phases.isEmpty()) {
      throw new IllegalArgumentException("no example has a phase label; the phase head needs some (add synthetic workouts)");
    }
    ModelMetadata metadata = new ModelMetadata(ModelMetadata.FORMAT, name, version, options.featureVersion(), exercises, phases,
        options.hiddenUnits(), options.members(), options.seed(), dataSummary, Map.of());
    Random random = new Random(options.seed());
    Labels labels = new Labels(exercises, phases);
    ExercisePhaseModel model = ExercisePhaseModel.create(metadata, device);
    List<Stage> members = new ArrayList<>();
    Stage phase = null;
    boolean v1 = options.featureVersion() == 1;
    List<Model> networks = new ArrayList<>();
    try {
      // From version 2 the classifier reads the phase from the second network, so phases labelled on footage teach
      // that one only: the first stays the network a version 1 model of the same data and seed would be, and names
      // exercises alike.
      List<LabelledPose> firstTrain = v1 ? train : exactPhasesOnly(train);
      List<LabelledPose> firstValidation = v1 ? validation : exactPhasesOnly(validation);
      for (int m = 0; m < options.members(); m++) {
        Model network = Model.newInstance(m == 0 ? name : name + "-" + (m + 1), device, "PyTorch");
        networks.add(network);
        network.setBlock(ExercisePhaseNetwork.firstNetwork(options.hiddenUnits(), exercises.size(), phases.size()));
        String title = options.members() == 1 ? "Training" : "Training " + (m + 1) + "/" + options.members();
        // Each member starts from its own initial weights; the first from the seed's, as a model of one member.
        members.add(fit(network, bothHeads(), EpochRecord::score, PoseFeatures.size(1), title, firstTrain,
            firstValidation, labels, random, options.seed() + m));
      }
      if (!v1) {
        Model phaseNetwork = Model.newInstance(name + "-phase", device, "PyTorch");
        networks.add(phaseNetwork);
        phaseNetwork.setBlock(ExercisePhaseNetwork.phaseNetwork(options.hiddenUnits(), phases.size()));
        // Its accuracy on synthetic validation levels off within a few epochs and then only wobbles, so the best
        // accuracy is a near random pick among equals; the loss still ranks how well the probabilities fit, and
        // the counter's hysteresis reads probabilities.
        phase = fit(phaseNetwork, new IndexLoss(new MaskedPhaseLoss(), 0, 1), r -> -r.validationLoss(),
            PoseFeatures.size(options.featureVersion()), "Phases", train, validation, labels, random, options.seed());
      }
      Block whole = model.djlModel().getBlock();
      whole.initialize(model.djlModel().getNDManager(), DataType.FLOAT32,
          new Shape(1, PoseFeatures.size(options.featureVersion())));
      copyWeights(networks.stream().map(Model::getBlock).toList(), whole);
    } finally {
      networks.forEach(Model::close);
    }
    ConfusionMatrix exerciseMatrix = new ConfusionMatrix(exercises);
    ConfusionMatrix phaseMatrix = new ConfusionMatrix(phases);
    List<Mistake> mistakes = evaluate(model, validation, exerciseMatrix, phaseMatrix);
    Stage first = members.get(0);
    Map<String, Double> metrics = new TreeMap<>(Map.of(
        "validation_exercise_accuracy", exerciseMatrix.accuracy(),
        "validation_phase_accuracy", phaseMatrix.accuracy(),
        "validation_loss", first.history().get(first.best() - 1).validationLoss(),
        "best_epoch", (double) first.best(),
        "epochs_run", (double) first.history().size()));
    for (int m = 1; m < members.size(); m++) {
      metrics.put("member_" + (m + 1) + "_best_epoch", (double) members.get(m).best());
      metrics.put("member_" + (m + 1) + "_epochs_run", (double) members.get(m).history().size());
    }
    if (phase != null) {
      metrics.put("phase_network_best_epoch", (double) phase.best());
      metrics.put("phase_network_epochs_run", (double) phase.history().size());
    }
    model.recordMetrics(metrics);
    return new Result(model, List.copyOf(members), phase, exerciseMatrix, phaseMatrix, mistakes);
  }

  private record Labels(List<String> exercises, List<String> phases) {}

  private static List<LabelledPose> exactPhasesOnly(List<LabelledPose> poses) {
    return poses.stream().map(LabelledPose::withExactPhaseOnly).toList();
  }

  /** The version 1 network's loss: exercise and phase, summed. */
  private static SimpleCompositeLoss bothHeads() {
    return new SimpleCompositeLoss("exercise+phase")
        .addLoss(new IndexLoss(Loss.softmaxCrossEntropyLoss("exercise"), 0))
        .addLoss(new IndexLoss(new MaskedPhaseLoss(), 1));
  }

  /**
   * Trains one network on the first {@code inputs} feature values until its validation {@code score} (higher is
   * better) stops improving, and leaves it holding its best epoch's weights. The engine is seeded afresh for each
   * network ({@code engineSeed}), so a network's initial weights and batch order do not depend on whether another
   * was trained before it.
   */
  private Stage fit(Model djl, Loss loss, ToDoubleFunction<EpochRecord> score, int inputs, String title,
      List<LabelledPose> train, List<LabelledPose> validation, Labels labels, Random random, long engineSeed) {
    DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
        .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(options.learningRate())).build())
        .optDevices(new Device[] {device});
    // DJL draws initial weights and batch order from the engine's generator.
    ai.djl.engine.Engine.getEngine("PyTorch").setRandomSeed((int) engineSeed);
    List<EpochRecord> history = new ArrayList<>();
    int best = -1;
    double bestScore = Double.NEGATIVE_INFINITY;
    // The checkpoint is only a way to get the best epoch back; a card command trains a dozen networks, and a failed
    // one must not leave its folder behind either.
    try (ScratchFolder checkpoints = ScratchFolder.create("repstream-train-")) {
      try (Trainer trainer = djl.newTrainer(config); NDManager data = NDManager.newBaseManager(device)) {
        trainer.initialize(new Shape(options.batchSize(), inputs));
        NDList validationSet = arrays(data, validation, labels, inputs, null);
        ProgressBar progress = new ProgressBar(title, options.maxEpochs());
        for (int epoch = 1; epoch <= options.maxEpochs(); epoch++) {
          double trainLoss = trainEpoch(trainer, data, train, labels, inputs, random);
          EpochRecord record = validate(trainer, validationSet, epoch, trainLoss);
          history.add(record);
          progress.update(epoch, String.format("epoch %d loss %.3f val loss %.3f%s phase %.1f%%", epoch, trainLoss,
              record.validationLoss(), Double.isNaN(record.exerciseAccuracy()) ? ""
                  : String.format(" exercise %.1f%%", 100 * record.exerciseAccuracy()), 100 * record.phaseAccuracy()));
          double epochScore = score.applyAsDouble(record);
          if (epochScore > bestScore) {
            bestScore = epochScore;
            best = epoch;
            djl.save(checkpoints.path(), CHECKPOINT);
          } else if (epoch - best >= options.patience()) {
            LOG.info("{}: no improvement for {} epochs; stopping after epoch {} (best {})", title, options.patience(),
                epoch, best);
            break;
          }
        }
        validationSet.close();
      }
      djl.load(checkpoints.path(), CHECKPOINT);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep or restore the best checkpoint", e);
    } catch (MalformedModelException e) {
      throw new IllegalStateException("cannot restore the best checkpoint", e);
    }
    return new Stage(history, best);
  }

  /** Copies the trained networks' weights, in order, into the blocks of one model built to hold them all. */
  private static void copyWeights(List<Block> trained, Block whole) {
    List<Parameter> from = new ArrayList<>();
    for (Block b : trained) {
      b.getParameters().values().forEach(from::add);
    }
    List<Parameter> to = whole.getParameters().values();
    if (from.size() != to.size()) {
      throw new IllegalStateException("the model has " + to.size() + " weight arrays, the trained networks " + from.size());
    }
    for (int i = 0; i < to.size(); i++) {
      NDArray source = from.get(i).getArray();
      NDArray target = to.get(i).getArray();
      if (!source.getShape().equals(target.getShape())) {
        throw new IllegalStateException("weight " + to.get(i).getName() + " is " + target.getShape() + " in the model but "
            + source.getShape() + " as trained");
      }
      target.set(FloatBuffer.wrap(source.toFloatArray()));
    }
  }

  private double trainEpoch(Trainer trainer, NDManager data, List<LabelledPose> train, Labels labels, int inputs,
      Random random) {
    try (NDManager epoch = data.newSubManager()) {
      NDList arrays = arrays(epoch, train, labels, inputs, random);
      ArrayDataset set = new ArrayDataset.Builder().setData(arrays.get(0)).optLabels(arrays.get(1), arrays.get(2))
          .setSampling(options.batchSize(), true).build();
      double total = 0;
      int batches = 0;
      for (Batch batch : trainer.iterateDataset(set)) {
        try (GradientCollector collector = trainer.newGradientCollector()) {
          NDList predictions = trainer.forward(batch.getData(), batch.getLabels());
          NDArray l = trainer.getLoss().evaluate(batch.getLabels(), predictions);
          collector.backward(l);
          total += l.getFloat();
          batches++;
        }
        trainer.step();
        batch.close();
      }
      return total / Math.max(1, batches);
    } catch (IOException | TranslateException e) {
      throw new IllegalStateException("training batch failed: " + e.getMessage(), e);
    }
  }

  /** One epoch's figures; a network with one output gives the phase only. */
  private EpochRecord validate(Trainer trainer, NDList set, int epoch, double trainLoss) {
    NDList predictions = trainer.evaluate(new NDList(set.get(0)));
    NDList labels = new NDList(set.get(1), set.get(2));
    double validationLoss = trainer.getLoss().evaluate(labels, predictions).getFloat();
    boolean phaseOnly = predictions.size() == 1;
    double exercise = phaseOnly ? Double.NaN : accuracy(predictions.get(0), set.get(1));
    double phase = labelledAccuracy(predictions.get(phaseOnly ? 0 : 1), set.get(2));
    predictions.close();
    return new EpochRecord(epoch, trainLoss, validationLoss, exercise, phase);
  }

  private static double accuracy(NDArray logits, NDArray labels) {
    return logits.argMax(1).toType(labels.getDataType(), false).eq(labels).sum().getLong() / (double) labels.size();
  }

  /** Accuracy over the examples with a label (index 0 or more); NaN when none has one. */
  private static double labelledAccuracy(NDArray logits, NDArray labels) {
    NDArray mask = labels.gte(0);
    long labelled = mask.sum().getLong();
    if (labelled == 0) {
      return Double.NaN;
    }
    return logits.argMax(1).toType(labels.getDataType(), false).eq(labels).logicalAnd(mask).sum().getLong() / (double) labelled;
  }

  private static List<Mistake> evaluate(ExercisePhaseModel model, List<LabelledPose> validation, ConfusionMatrix exercises,
      ConfusionMatrix phases) {
    List<Mistake> mistakes = new ArrayList<>();
    List<String> ex = model.metadata().exercises();
    List<String> ph = model.metadata().phases();
    try (var predictor = model.newPredictor()) {
      var answers = predictor.batchPredict(featureVectors(validation, null, null));
      for (int i = 0; i < validation.size(); i++) {
        LabelledPose p = validation.get(i);
        var a = answers.get(i);
        exercises.add(ex.indexOf(p.exercise()), ex.indexOf(a.exercise()));
        boolean phaseWrong = false;
        if (p.hasPhase()) {
          phases.add(ph.indexOf(p.phase()), ph.indexOf(a.phase()));
          phaseWrong = !a.phase().equals(p.phase());
        }
        if (!a.exercise().equals(p.exercise()) || phaseWrong) {
          float confidence = !a.exercise().equals(p.exercise()) ? a.exercises().get(0).probability() : a.phases().get(0).probability();
          mistakes.add(new Mistake(p, a.exercise(), a.phase(), confidence));
        }
      }
    } catch (TranslateException e) {
      throw new IllegalStateException("evaluation failed: " + e.getMessage(), e);
    }
    mistakes.sort((a, b) -> Float.compare(b.confidence(), a.confidence()));
    return mistakes;
  }

  /**
   * The first {@code size} values of each pose's features, and the two label columns; with a random source, each
   * group's poses are augmented first.
   */
  private NDList arrays(NDManager m, List<LabelledPose> poses, Labels labels, int size, Random random) {
    List<String> exercises = labels.exercises();
    List<String> phases = labels.phases();
    List<FeatureVector> vectors = featureVectors(poses, random == null ? null : options.augmentation(), random);
    float[] features = new float[poses.size() * size];
    float[] ex = new float[poses.size()];
    float[] ph = new float[poses.size()];
    for (int i = 0; i < poses.size(); i++) {
      LabelledPose p = poses.get(i);
      System.arraycopy(vectors.get(i).values(), 0, features, i * size, size);
      ex[i] = exercises.indexOf(p.exercise());
      ph[i] = p.hasPhase() ? phases.indexOf(p.phase()) : MaskedPhaseLoss.UNLABELLED;
    }
    return new NDList(m.create(features, new Shape(poses.size(), size)), m.create(ex), m.create(ph));
  }

  /**
   * Model inputs in the order given: each group (a video) is one stream of frames through its own motion
   * window, exactly as the classifier sees a participant; poses must be in time order within a group.
   */
  static List<FeatureVector> featureVectors(List<LabelledPose> poses, PoseAugmentation augmentation, Random random) {
    Map<String, MotionWindow> windows = new HashMap<>();
    Map<String, PoseAugmentation.SequenceTransform> transforms = new HashMap<>();
    List<FeatureVector> out = new ArrayList<>(poses.size());
    for (LabelledPose p : poses) {
      PoseInput input = p.pose();
      if (augmentation != null) {
        input = transforms.computeIfAbsent(p.group(), g -> augmentation.forSequence(random)).apply(input);
      }
      out.add(windows.computeIfAbsent(p.group(), g -> new MotionWindow()).next(input));
    }
    return out;
  }

  private static List<String> labels(List<LabelledPose> train, List<LabelledPose> validation, boolean exercise) {
    java.util.TreeSet<String> set = new java.util.TreeSet<>();
    for (List<LabelledPose> l : List.of(train, validation)) {
      for (LabelledPose p : l) {
        if (exercise) {
          set.add(p.exercise());
        } else if (p.hasPhase()) {
          set.add(p.phase());
        }
      }
    }
    return List.copyOf(set);
  }
}
