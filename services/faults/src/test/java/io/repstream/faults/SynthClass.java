package io.repstream.faults;

import io.repstream.schemas.Box;
import io.repstream.schemas.Keypoint;
import io.repstream.schemas.LabelProbability;
import io.repstream.schemas.Phase;
import io.repstream.schemas.Pose;
import io.repstream.schemas.Prediction;
import io.repstream.schemas.RepKind;
import io.repstream.synth.SequenceGenerator;
import io.repstream.synth.SynthOptions;
import io.repstream.synth.SynthSequence;
import io.repstream.synth.motion.FrameTruth;
import io.repstream.synth.motion.TempoModel;
import io.repstream.synth.motion.WorkoutScript;
import io.repstream.synth.noise.KeypointNoise;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A class of synthetic participants from {@code services/synth}, turned into the predictions a perfect classifier
 * would publish: each frame's true exercise and phase with high confidence, and the mannequin's keypoints. The
 * truth is synth's own rep list, so a test compares what the counter emitted against what the people did.
 *
 * <p>Steady tempo and noise-free keypoints on purpose: these tests measure what a fault does to counting, so the
 * input must be one the counter counts exactly when nothing breaks.
 */
final class SynthClass {
  static final double FPS = 15;
  private static final float CONFIDENCE = 0.92f;
  private static final float POSE_SCORE = 0.9f;
  private static final long INGEST_DELAY_MILLIS = 5;
  private static final long INFERENCE_MILLIS = 30;

  private final String classId;
  private final Map<String, SynthSequence> people = new LinkedHashMap<>();
  private final Map<String, List<Prediction>> predictions = new LinkedHashMap<>();

  /**
   * @param script e.g. {@code squat:8}; every participant follows it with their own body, camera and seed
   * @param start capture time of everyone's first frame
   */
  SynthClass(String classId, List<String> participantIds, String script, long seed, Instant start) {
    this.classId = classId;
    SequenceGenerator generator = new SequenceGenerator();
    long s = seed;
    for (String id : participantIds) {
      SynthOptions options = new SynthOptions(WorkoutScript.parse(script), s++, FPS, SynthOptions.DEFAULT_WIDTH,
          SynthOptions.DEFAULT_HEIGHT, TempoModel.STEADY, KeypointNoise.NONE);
      SynthSequence seq = generator.generate(options);
      people.put(id, seq);
      predictions.put(id, toPredictions(id, seq, start));
    }
  }

  private List<Prediction> toPredictions(String participantId, SynthSequence seq, Instant start) {
    List<Prediction> out = new ArrayList<>();
    List<FrameTruth> frames = seq.workout().frames();
    double frameMillis = 1000.0 / FPS;
    for (int i = 0; i < frames.size(); i++) {
      FrameTruth t = frames.get(i);
      Instant capture = start.plusMillis(Math.round(i * frameMillis));
      String exercise = t.classifierLabel();
      out.add(Prediction.newBuilder()
          .setClassId(classId)
          .setParticipantId(participantId)
          .setStreamId("stream-" + participantId)
          .setSequence(i)
          .setCaptureTime(capture)
          .setIngestTime(capture.plusMillis(INGEST_DELAY_MILLIS))
          .setPredictTime(capture.plusMillis(INGEST_DELAY_MILLIS + INFERENCE_MILLIS))
          .setPose(pose(seq.keypoints().get(i)))
          .setExercise(exercise)
          .setExerciseProbabilities(List.of(new LabelProbability(exercise, CONFIDENCE),
              new LabelProbability(exercise.equals(FrameTruth.NONE_LABEL) ? "squat" : FrameTruth.NONE_LABEL,
                  1 - CONFIDENCE)))
          .setPhase(t.phase())
          .setPhaseProbabilities(phaseProbabilities(t.phase()))
          .setModelName("synth-truth")
          .setModelVersion("1")
          .setInferenceMillis(INFERENCE_MILLIS)
          .build());
    }
    return out;
  }

  private static List<LabelProbability> phaseProbabilities(Phase phase) {
    if (phase == Phase.UNKNOWN) {
      return List.of();
    }
    List<LabelProbability> out = new ArrayList<>();
    out.add(new LabelProbability(phase.name(), CONFIDENCE));
    for (Phase other : List.of(Phase.TOP, Phase.MOVING, Phase.BOTTOM)) {
      if (other != phase) {
        out.add(new LabelProbability(other.name(), (1 - CONFIDENCE) / 2));
      }
    }
    return out;
  }

  private static Pose pose(double[][] keypoints) {
    List<Keypoint> kps = new ArrayList<>();
    float minX = 1;
    float minY = 1;
    float maxX = 0;
    float maxY = 0;
    for (double[] k : keypoints) {
      float x = (float) k[0];
      float y = (float) k[1];
      kps.add(new Keypoint(x, y, POSE_SCORE));
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
    return new Pose(new Box(minX, minY, maxX, maxY), POSE_SCORE, kps);
  }

  List<String> participants() {
    return List.copyOf(people.keySet());
  }

  List<Prediction> predictions(String participantId) {
    return predictions.get(participantId);
  }

  /** Everyone's predictions interleaved in capture order, as a live class would produce them. */
  List<Prediction> predictions() {
    List<Prediction> all = new ArrayList<>();
    predictions.values().forEach(all::addAll);
    all.sort(Comparator.comparing(Prediction::getCaptureTime).thenComparing(Prediction::getParticipantId));
    return all;
  }

  /** Reps synth says {@code participantId} completed (counted kind only). */
  long truth(String participantId) {
    return people.get(participantId).workout().reps().stream().filter(r -> r.kind() == RepKind.COUNTED).count();
  }

  long truth() {
    return people.keySet().stream().mapToLong(this::truth).sum();
  }

  /** The frames of {@code participantId}'s sequence, with their truth. */
  List<FrameTruth> frames(String participantId) {
    return people.get(participantId).workout().frames();
  }
}
