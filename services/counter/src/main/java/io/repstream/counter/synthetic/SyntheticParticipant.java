package io.repstream.counter.synthetic;

import io.repstream.schemas.Box;
import io.repstream.schemas.Keypoint;
import io.repstream.schemas.LabelProbability;
import io.repstream.schemas.Phase;
import io.repstream.schemas.Pose;
import io.repstream.schemas.Prediction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Synthetic input for the counter's tests and its benchmark (no camera or model involved).
 * Writes the predictions a classifier would make for one participant following a script (stand, do N reps at a
 * tempo, rest, leave the frame, ...), together with the exact truth: how many reps of each exercise were done.
 *
 * <p>Body model: a standing 17-keypoint skeleton whose upper body sinks by {@link #SINK} body heights at the
 * bottom of a rep; depth follows a cosine over the rep, and phase probabilities are a triangular membership of
 * depth (top at 0, moving at 0.5, bottom at 1). Noise: Gaussian jitter on keypoints and probabilities, and
 * optionally isolated single-frame phase flips (a confident wrong label) with at least two correct frames
 * between two flips.
 */
public final class SyntheticParticipant {
  public static final double DEFAULT_FPS = 15;
  private static final double SINK = 0.2;
  private static final double ARM_RAISE = 0.3;
  private static final double KEYPOINT_JITTER = 0.003;
  private static final double PROBABILITY_JITTER = 0.03;
  private static final float POSE_SCORE = 0.9f;
  /** Flips are isolated: at least this many correct frames between two wrong ones. */
  private static final int MIN_FRAMES_BETWEEN_FLIPS = 2;
  private static final float EXERCISE_CONFIDENCE = 0.9f;
  /** Standing skeleton in MoveNet order: nose, eyes, ears, shoulders, elbows, wrists, hips, knees, ankles. */
  private static final double[][] STANDING = {
      {0.50, 0.20}, {0.49, 0.19}, {0.51, 0.19}, {0.48, 0.20}, {0.52, 0.20},
      {0.45, 0.30}, {0.55, 0.30}, {0.43, 0.42}, {0.57, 0.42}, {0.42, 0.52}, {0.58, 0.52},
      {0.47, 0.55}, {0.53, 0.55}, {0.47, 0.72}, {0.53, 0.72}, {0.47, 0.90}, {0.53, 0.90}};
  private static final int FIRST_LEG_KEYPOINT = 13;
  private static final int[] ARM_KEYPOINTS = {7, 8, 9, 10};

  private final String classId;
  private final String participantId;
  private final double frameMillis;
  private final Random random;
  private final List<Prediction> out = new ArrayList<>();
  private final Map<String, Integer> truth = new TreeMap<>();
  private double clock;
  private long sequence;
  private double flipRate;
  private int framesSinceFlip = Integer.MAX_VALUE;

  public SyntheticParticipant(String classId, String participantId, Instant start, double fps, long seed) {
    this.classId = classId;
    this.participantId = participantId;
    this.frameMillis = 1000.0 / fps;
    this.random = new Random(seed);
    this.clock = start.toEpochMilli();
  }

  public SyntheticParticipant(String participantId, long seed) {
    this("class-1", participantId, Instant.parse("2026-11-23T18:00:00Z"), DEFAULT_FPS, seed);
  }

  /** From now on, this share of frames gets a confident wrong phase label (isolated single frames). */
  public SyntheticParticipant phaseFlips(double rate) {
    this.flipRate = rate;
    return this;
  }

  /** Standing still in the start position, recognised as doing {@code exercise}. */
  public SyntheticParticipant stand(String exercise, Duration d) {
    for (long n = frames(d); n > 0; n--) {
      frame(exercise, 0, 0, true);
    }
    return this;
  }

  /** {@code count} full repetitions, each lasting {@code repDuration}. */
  public SyntheticParticipant reps(String exercise, int count, Duration repDuration) {
    for (int i = 0; i < count; i++) {
      rep(exercise, repDuration, 1.0);
      truth.merge(exercise, 1, Integer::sum);
    }
    return this;
  }

  /** Full repetitions whose durations change from {@code first} to {@code last} evenly. */
  public SyntheticParticipant repsChangingTempo(String exercise, int count, Duration first, Duration last) {
    for (int i = 0; i < count; i++) {
      double f = count == 1 ? 0 : (double) i / (count - 1);
      long millis = Math.round(first.toMillis() + f * (last.toMillis() - first.toMillis()));
      rep(exercise, Duration.ofMillis(millis), 1.0);
      truth.merge(exercise, 1, Integer::sum);
    }
    return this;
  }

  /** A repetition that turns back at {@code depth} (below 1: the bottom is never reached); not counted. */
  public SyntheticParticipant partialRep(String exercise, Duration repDuration, double depth) {
    rep(exercise, repDuration, depth);
    return this;
  }

  /** A static hold (plank) of {@code d}. */
  public SyntheticParticipant hold(String exercise, Duration d) {
    for (long n = frames(d); n > 0; n--) {
      emit(exercise, EXERCISE_CONFIDENCE, Phase.HOLD, holdProbabilities(), pose(0.5, 0));
    }
    return this;
  }

  /** Moving between exercises: the classifier recognises nothing and sees no phase. */
  public SyntheticParticipant transition(Duration d) {
    long n = frames(d);
    for (long i = 0; i < n; i++) {
      double a = 0.5 * (1 - Math.cos(Math.PI * i / Math.max(1, n - 1)));
      emit("none", EXERCISE_CONFIDENCE, Phase.UNKNOWN, List.of(), pose(a * 0.5, a));
    }
    return this;
  }

  /** Nobody in the frame for {@code d}: frames keep coming, without a pose. */
  public SyntheticParticipant leave(Duration d) {
    for (long n = frames(d); n > 0; n--) {
      emit("none", EXERCISE_CONFIDENCE, Phase.UNKNOWN, List.of(), null);
    }
    return this;
  }

  /** No frames at all for {@code d}; sequence numbers skip the frames that went missing. */
  public SyntheticParticipant silence(Duration d) {
    long n = frames(d);
    clock += n * frameMillis;
    sequence += n;
    return this;
  }

  /** An exercise the classifier does not know: arm raises, labelled none, no phases; {@code cycles} of them. */
  public SyntheticParticipant unknownPeriodic(int cycles, Duration cycle) {
    long n = frames(cycle);
    for (int c = 0; c < cycles; c++) {
      for (long i = 0; i < n; i++) {
        double a = 0.5 * (1 - Math.cos(2 * Math.PI * i / n));
        emit("none", EXERCISE_CONFIDENCE, Phase.UNKNOWN, List.of(), pose(0, a));
      }
    }
    return this;
  }

  private void rep(String exercise, Duration repDuration, double maxDepth) {
    long n = frames(repDuration);
    for (long i = 0; i < n; i++) {
      double depth = maxDepth * 0.5 * (1 - Math.cos(2 * Math.PI * i / n));
      frame(exercise, depth, 0, false);
    }
  }

  private void frame(String exercise, double depth, double armRaise, boolean still) {
    List<LabelProbability> probs = phaseProbabilities(depth);
    Phase label = argmax(probs);
    if (!still && flipRate > 0 && framesSinceFlip >= MIN_FRAMES_BETWEEN_FLIPS && random.nextDouble() < flipRate) {
      Phase wrong = label == Phase.BOTTOM ? Phase.TOP : label == Phase.TOP ? Phase.BOTTOM : Phase.TOP;
      probs = List.of(lp(wrong, 0.9), lp(Phase.MOVING, 0.1));
      label = wrong;
      framesSinceFlip = 0;
    } else if (framesSinceFlip < Integer.MAX_VALUE) {
      framesSinceFlip++;
    }
    emit(exercise, EXERCISE_CONFIDENCE, label, probs, pose(depth, armRaise));
  }

  private List<LabelProbability> phaseProbabilities(double depth) {
    double top = clamp(1 - depth / 0.5);
    double bottom = clamp((depth - 0.5) / 0.5);
    double moving = 1 - top - bottom;
    double[] p = {top + jitter(), moving + jitter(), bottom + jitter()};
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      p[i] = Math.max(0, p[i]);
      sum += p[i];
    }
    return List.of(lp(Phase.TOP, p[0] / sum), lp(Phase.MOVING, p[1] / sum), lp(Phase.BOTTOM, p[2] / sum));
  }

  private static List<LabelProbability> holdProbabilities() {
    return List.of(lp(Phase.HOLD, 0.92), lp(Phase.MOVING, 0.05), lp(Phase.TOP, 0.03));
  }

  private double jitter() {
    return random.nextGaussian() * PROBABILITY_JITTER;
  }

  private static double clamp(double v) {
    return Math.max(0, Math.min(1, v));
  }

  private static LabelProbability lp(Phase phase, double p) {
    return new LabelProbability(phase.name(), (float) p);
  }

  private static Phase argmax(List<LabelProbability> probs) {
    LabelProbability best = probs.get(0);
    for (LabelProbability lp : probs) {
      if (lp.getProbability() > best.getProbability()) {
        best = lp;
      }
    }
    return Phase.valueOf(best.getLabel());
  }

  private Pose pose(double depth, double armRaise) {
    List<Keypoint> kps = new ArrayList<>();
    float minX = 1;
    float minY = 1;
    float maxX = 0;
    float maxY = 0;
    for (int i = 0; i < STANDING.length; i++) {
      double x = STANDING[i][0];
      double y = STANDING[i][1];
      if (i < FIRST_LEG_KEYPOINT) {
        y += SINK * depth;
      }
      for (int arm : ARM_KEYPOINTS) {
        if (arm == i) {
          y -= ARM_RAISE * armRaise;
        }
      }
      float fx = (float) (x + random.nextGaussian() * KEYPOINT_JITTER);
      float fy = (float) (y + random.nextGaussian() * KEYPOINT_JITTER);
      kps.add(new Keypoint(fx, fy, POSE_SCORE));
      minX = Math.min(minX, fx);
      minY = Math.min(minY, fy);
      maxX = Math.max(maxX, fx);
      maxY = Math.max(maxY, fy);
    }
    return new Pose(new Box(minX, minY, maxX, maxY), POSE_SCORE, kps);
  }

  private void emit(String exercise, float confidence, Phase phase, List<LabelProbability> phaseProbs, Pose pose) {
    Instant capture = Instant.ofEpochMilli(Math.round(clock));
    List<LabelProbability> exerciseProbs = List.of(new LabelProbability(exercise, confidence),
        new LabelProbability(exercise.equals("none") ? "squat" : "none", 1 - confidence));
    out.add(Prediction.newBuilder()
        .setClassId(classId)
        .setParticipantId(participantId)
        .setStreamId("stream-" + participantId)
        .setSequence(sequence++)
        .setCaptureTime(capture)
        .setIngestTime(capture.plusMillis(5))
        .setPredictTime(capture.plusMillis(40))
        .setPose(pose)
        .setExercise(exercise)
        .setExerciseProbabilities(exerciseProbs)
        .setPhase(phase)
        .setPhaseProbabilities(phaseProbs)
        .setModelName("synthetic")
        .setModelVersion("1")
        .setInferenceMillis(1.0f)
        .build());
    clock += frameMillis;
  }

  private long frames(Duration d) {
    return Math.max(1, Math.round(d.toMillis() / frameMillis));
  }

  /** The predictions so far, in capture order. */
  public List<Prediction> predictions() {
    return new ArrayList<>(out);
  }

  /** Full repetitions scripted per exercise: the exact count the counter must reach. */
  public Map<String, Integer> truth() {
    return new TreeMap<>(truth);
  }

  public int truth(String exercise) {
    return truth.getOrDefault(exercise, 0);
  }

  public Instant now() {
    return Instant.ofEpochMilli(Math.round(clock));
  }

  public String participantId() {
    return participantId;
  }
}
