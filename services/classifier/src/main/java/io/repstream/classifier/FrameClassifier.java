package io.repstream.classifier;

import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.repstream.exercise.ExercisePhase;
import io.repstream.exercise.ExercisePhaseModel;
import io.repstream.exercise.FeatureVector;
import io.repstream.exercise.MotionWindow;
import io.repstream.exercise.PoseInput;
import io.repstream.schemas.Prediction;
import io.repstream.vision.pose.MoveNet;
import io.repstream.vision.pose.PersonCropTracker;
import io.repstream.vision.pose.Pose;
import io.repstream.vision.pose.PoseEstimator;
import io.repstream.vision.pose.RgbImage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Classifies a batch of frames gathered across participants: MoveNet finds each frame's pose inside the
 * participant's tracking crop (the multi-person model: the person followed by identity as the participant), then
 * the exercise and phase model labels the poses, read through each participant's motion window, in one batch each.
 * Holds one estimator and one predictor, so one instance per worker thread.
 */
final class FrameClassifier implements AutoCloseable {
  /** The exercise model named in predictions when the classifier runs without one. */
  private static final String NO_EXERCISE_MODEL = "pose-only";

  private final PoseEstimator estimator;
  private final Optional<Predictor<FeatureVector, ExercisePhase>> exercisePredictor;
  private final String modelName;
  private final String modelVersion;
  private final List<Integer> padShapes;
  private final int topK;
  private final Map<String, PersonCropTracker> trackers = new HashMap<>();
  private final Map<String, MainPersonTracker> mainPeople = new HashMap<>();
  private final Map<String, MotionWindow> windows = new HashMap<>();
  private final Timer poseTimer;
  private final Timer exerciseTimer;

  FrameClassifier(MoveNet moveNet, Optional<ExercisePhaseModel> exerciseModel, ClassifierConfig config, MeterRegistry metrics) {
    this.estimator = moveNet.newEstimator(config.minPoseScore());
    this.exercisePredictor = exerciseModel.map(ExercisePhaseModel::newPredictor);
    this.modelName = moveNet.kind().fileBaseName() + "+" + exerciseModel.map(m -> m.metadata().name()).orElse(NO_EXERCISE_MODEL);
    this.modelVersion = exerciseModel.map(m -> m.metadata().version()).orElse("0");
    this.padShapes = config.padBatches() ? config.batchShapes() : List.of();
    this.topK = config.topK();
    this.poseTimer = Timer.builder("repstream_classifier_stage_seconds").tag("stage", "pose").register(metrics);
    this.exerciseTimer = Timer.builder("repstream_classifier_stage_seconds").tag("stage", "exercise").register(metrics);
  }

  /** Runs every batch shape once so the first real frames do not pay for planning and allocation. */
  void warmUp() {
    RgbImage blank = new RgbImage(64, 48, new byte[64 * 48 * 3]);
    for (int shape : padShapes.isEmpty() ? List.of(1) : padShapes) {
      List<RgbImage> images = new ArrayList<>();
      List<PersonCropTracker> trackers = new ArrayList<>();
      for (int i = 0; i < shape; i++) {
        images.add(blank);
        trackers.add(new PersonCropTracker());
      }
      estimator.estimateTracked(images, trackers);
    }
  }

  List<Prediction> classify(List<DecodedFrame> frames) {
    long start = System.nanoTime();
    List<List<Pose>> poses = poses(frames);
    long poseDone = System.nanoTime();
    poseTimer.record(poseDone - start, java.util.concurrent.TimeUnit.NANOSECONDS);

    List<Pose> best = new ArrayList<>(frames.size());
    List<FeatureVector> inputs = new ArrayList<>();
    for (int i = 0; i < frames.size(); i++) {
      DecodedFrame f = frames.get(i);
      Pose p = participantPose(f, poses.get(i));
      best.add(p);
      if (p != null) {
        inputs.add(windows.computeIfAbsent(f.frame().getParticipantId(), k -> new MotionWindow()).next(PoseInput.of(p, f.image().width(), f.image().height())));
      }
    }
    List<ExercisePhase> labels = exerciseLabels(inputs);
    long exerciseDone = System.nanoTime();
    exerciseTimer.record(exerciseDone - poseDone, java.util.concurrent.TimeUnit.NANOSECONDS);

    float millisPerFrame = (exerciseDone - start) / 1e6f / frames.size();
    Instant now = Instant.now();
    List<Prediction> out = new ArrayList<>(frames.size());
    int labelled = 0;
    for (int i = 0; i < frames.size(); i++) {
      var frame = frames.get(i).frame();
      Pose p = best.get(i);
      ExercisePhase label = p != null && !labels.isEmpty() ? labels.get(labelled++) : null;
      Prediction.Builder b = Prediction.newBuilder()
          .setClassId(frame.getClassId()).setParticipantId(frame.getParticipantId()).setStreamId(frame.getStreamId())
          .setSequence(frame.getSequence()).setCaptureTime(frame.getCaptureTime()).setIngestTime(frame.getIngestTime())
          .setPredictTime(now)
          .setPose(p == null ? null : p.toRecord(frames.get(i).image().width(), frames.get(i).image().height()));
      out.add(PredictionLabels.set(b, label, topK)
          .setModelName(modelName).setModelVersion(modelVersion).setInferenceMillis(millisPerFrame)
          .build());
    }
    return out;
  }

  /**
   * Each frame's pose, found inside the crop that the participant's previous frame placed. A batch holding several
   * frames of one participant (a backlog) therefore runs in rounds, each taking the next frame of every participant
   * in it: cropping all of them where the first one was would lose a moving person and make the result depend on how
   * frames happened to be batched.
   */
  private List<List<Pose>> poses(List<DecodedFrame> frames) {
    List<List<Pose>> poses = new ArrayList<>(Collections.nCopies(frames.size(), List.of()));
    List<Integer> pending = new ArrayList<>(frames.size());
    for (int i = 0; i < frames.size(); i++) {
      pending.add(i);
    }
    while (!pending.isEmpty()) {
      Set<String> inRound = new HashSet<>();
      List<Integer> round = new ArrayList<>();
      List<Integer> later = new ArrayList<>();
      for (int i : pending) {
        (inRound.add(frames.get(i).frame().getParticipantId()) ? round : later).add(i);
      }
      List<RgbImage> images = new ArrayList<>(round.size());
      List<PersonCropTracker> crops = new ArrayList<>(round.size());
      for (int i : round) {
        images.add(frames.get(i).image());
        crops.add(tracker(frames.get(i)));
      }
      // On a GPU, pad up to the next planned shape with copies of the last image and throwaway trackers.
      int padTo = paddedSize(round.size());
      while (images.size() < padTo) {
        images.add(images.get(images.size() - 1));
        crops.add(new PersonCropTracker());
      }
      List<List<Pose>> found = estimator.estimateTracked(images, crops);
      for (int r = 0; r < round.size(); r++) {
        poses.set(round.get(r), found.get(r));
      }
      pending = later;
    }
    return poses;
  }

  private List<ExercisePhase> exerciseLabels(List<FeatureVector> inputs) {
    if (exercisePredictor.isEmpty() || inputs.isEmpty()) {
      return List.of();
    }
    try {
      return exercisePredictor.get().batchPredict(inputs);
    } catch (TranslateException e) {
      throw new IllegalStateException("exercise model failed on a batch of " + inputs.size() + ": " + e.getMessage(), e);
    }
  }

  /** Forgets tracking crops and motion of participants this worker no longer owns. */
  void forget(Collection<String> participants) {
    participants.forEach(trackers::remove);
    participants.forEach(mainPeople::remove);
    participants.forEach(windows::remove);
  }

  /**
   * The pose to report for a frame's participant: the single-person model's pose, or, from the multi-person model,
   * the person followed as this participant (see {@link MainPersonTracker}); null when nobody is.
   */
  private Pose participantPose(DecodedFrame f, List<Pose> poses) {
    if (!estimator.kind().multiPerson()) {
      return poses.stream().max(Comparator.comparingDouble(Pose::score)).orElse(null);
    }
    return mainPeople.computeIfAbsent(f.frame().getParticipantId(), k -> new MainPersonTracker())
        .next(poses, f.image().width(), f.image().height());
  }

  private PersonCropTracker tracker(DecodedFrame f) {
    return trackers.computeIfAbsent(f.frame().getParticipantId(), k -> new PersonCropTracker());
  }

  /** The batch size to run: the next configured shape on a GPU, the batch itself on a CPU. */
  private int paddedSize(int size) {
    for (int shape : padShapes) {
      if (shape >= size) {
        return shape;
      }
    }
    return size;
  }

  @Override
  public void close() {
    estimator.close();
    exercisePredictor.ifPresent(Predictor::close);
  }
}
