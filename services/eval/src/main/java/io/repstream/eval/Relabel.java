package io.repstream.eval;

import ai.djl.Device;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import io.repstream.classifier.ClassifierConfig;
import io.repstream.classifier.PredictionLabels;
import io.repstream.common.config.Settings;
import io.repstream.exercise.ExercisePhase;
import io.repstream.exercise.ExercisePhaseModel;
import io.repstream.exercise.FeatureVector;
import io.repstream.exercise.MotionWindow;
import io.repstream.exercise.PoseInput;
import io.repstream.ingest.config.IngestConfig;
import io.repstream.ingest.encode.TileScaler;
import io.repstream.media.FfmpegNatives;
import io.repstream.schemas.Keypoint;
import io.repstream.schemas.Prediction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Labels the poses an evaluation kept with another exercise model, as the classifier would have labelled them had
 * it run that model: one motion window per clip, fed the frames with a pose in capture order. Pose estimation is
 * the slow part of an evaluation, so a new model can be tried on every clip in seconds, and its phases counted
 * ({@link Recount}) without a run of the pipeline. Not thread-safe: it holds one predictor.
 */
public final class Relabel implements AutoCloseable {
  private final ExercisePhaseModel model;
  private final Predictor<FeatureVector, ExercisePhase> predictor;
  private final String modelName;
  private final String modelVersion;
  private final int topK;
  private final int maxSide;

  /**
   * @param topK how many labels of each head a prediction carries, as the classifier's {@code classifier.top.k}
   * @param maxSide the longer side ingest scales frames to ({@code ingest.frame.max-side}), which sets the frame's
   *     width/height ratio that keypoints were normalised by
   */
  Relabel(ExercisePhaseModel model, int topK, int maxSide) {
    this.model = model;
    this.predictor = model.newPredictor();
    this.modelName = model.metadata().name();
    this.modelVersion = model.metadata().version();
    this.topK = topK;
    this.maxSide = maxSide;
  }

  /**
   * Loads the model in {@code modelDir} (on the CPU) and labels as an evaluation's classifier would under
   * {@code classifierSettings}, with ingest's default frame size.
   */
  public static Relabel open(Path modelDir, Map<String, String> classifierSettings) {
    Settings s = Settings.load(ClassifierConfig.DEFAULTS, null, Map.of());
    for (Map.Entry<String, String> e : classifierSettings.entrySet()) {
      s = s.with(e.getKey(), e.getValue());
    }
    ClassifierConfig classifier = ClassifierConfig.from(s);
    IngestConfig ingest = IngestConfig.withOverrides(Map.of());
    return new Relabel(ExercisePhaseModel.load(modelDir, Device.cpu()), classifier.topK(), ingest.maxSide());
  }

  /** The exercises this model can name, "none" left out. */
  public Set<String> exercises() {
    return EvalReport.exercisesOf(model.metadata());
  }

  /** The clip's predictions with this model's exercise and phase; poses, keys and times as they were. */
  public List<Prediction> relabel(List<Prediction> kept, Path clip) {
    float aspect = frameAspect(clip);
    MotionWindow window = new MotionWindow();
    List<FeatureVector> inputs = new ArrayList<>();
    for (Prediction p : kept) {
      if (p.getPose() != null) {
        inputs.add(window.next(poseInput(p.getPose(), aspect)));
      }
    }
    List<ExercisePhase> labels;
    try {
      labels = inputs.isEmpty() ? List.of() : predictor.batchPredict(inputs);
    } catch (TranslateException e) {
      throw new IllegalStateException("exercise model failed on the poses of " + clip.getFileName() + ": " + e.getMessage(), e);
    }
    List<Prediction> out = new ArrayList<>(kept.size());
    int next = 0;
    for (Prediction p : kept) {
      Prediction.Builder b = PredictionLabels.set(Prediction.newBuilder(p), p.getPose() == null ? null : labels.get(next++), topK);
      String poseModel = p.getModelName().split("\\+", 2)[0];
      out.add(b.setModelName(poseModel + "+" + modelName).setModelVersion(modelVersion).build());
    }
    return out;
  }

  /** Width over height of the frames ingest made of this clip: its decoded size, scaled as ingest scales it. */
  private float frameAspect(Path clip) {
    FfmpegNatives.load();
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(clip.toFile())) {
      grabber.start();
      int[] size = TileScaler.targetSize(grabber.getImageWidth(), grabber.getImageHeight(), maxSide);
      grabber.stop();
      return (float) size[0] / size[1];
    } catch (FrameGrabber.Exception e) {
      throw new IllegalArgumentException("cannot read the frame size of " + clip + ": " + e.getMessage(), e);
    }
  }

  private static PoseInput poseInput(io.repstream.schemas.Pose pose, float aspect) {
    float[][] k = new float[pose.getKeypoints().size()][];
    for (int i = 0; i < k.length; i++) {
      Keypoint kp = pose.getKeypoints().get(i);
      k[i] = new float[] {kp.getX(), kp.getY(), kp.getScore()};
    }
    return new PoseInput(k, aspect);
  }

  @Override
  public void close() {
    predictor.close();
    model.close();
  }
}
