package io.repstream.trainer;

import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import io.repstream.exercise.ExercisePhase;
import io.repstream.exercise.ExercisePhaseModel;
import io.repstream.exercise.FeatureVector;
import io.repstream.exercise.MotionWindow;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.ToIntFunction;

/**
 * Leave-clips-out evaluation on real videos: the clips are dealt into folds by video (never by frame), and for
 * each fold a model trained without that fold's clips labels every sampled frame of them. Validation for early
 * stopping comes from the other sources only, so no held-out clip influences its own model.
 */
public final class ClipFolds {
  /**
   * How a model is trained on the given examples and validated for early stopping with the given real poses
   * (empty unless real validation is asked for); the held-out clips are never among either.
   */
  public interface Training extends BiFunction<List<LabelledPose>, List<LabelledPose>, ExercisePhaseModel> {}

  /**
   * One held-out clip: its exercise, the frames sampled at the classifier's rate, those with a pose, and those
   * the model labelled with the right exercise. Frames without a pose count as wrong in the per-frame figure:
   * the classifier says "none" there. The same for the posed frames once under way: after the first
   * {@link #WARM_UP_FRAMES}. Where the clip has phase labels ({@link LabelledClips}), where they came from, the
   * posed frames with one, and those the model gave the same phase.
   */
  public record ClipScore(String clip, String exercise, int fold, int sampledFrames, int framesWithPose, int correctFrames,
      int framesUnderWay, int correctUnderWay, Map<String, Integer> predicted,
      Optional<LabelledClips.PhaseSource> phaseSource, int framesWithPhaseLabel, int phaseAsLabelled) {
    /** A score without phases: the clip has no phase labels. */
    public ClipScore(String clip, String exercise, int fold, int sampledFrames, int framesWithPose, int correctFrames,
        int framesUnderWay, int correctUnderWay, Map<String, Integer> predicted) {
      this(clip, exercise, fold, sampledFrames, framesWithPose, correctFrames, framesUnderWay, correctUnderWay, predicted,
          Optional.empty(), 0, 0);
    }

    public double accuracy() {
      return sampledFrames == 0 ? 0 : correctFrames / (double) sampledFrames;
    }

    public double accuracyOnPoses() {
      return framesWithPose == 0 ? 0 : correctFrames / (double) framesWithPose;
    }
  }

  /**
   * Posed frames at the start of a clip that the "under way" figures leave out: the motion window's length (3 s at
   * 10 fps). Until it is full the window's statistics rest on a few frames, and in many clips the student stands
   * before the first rep, a moment the clip's one label calls its exercise and the model calls "none".
   */
  public static final int WARM_UP_FRAMES = MotionWindow.FRAMES;

  private ClipFolds() {}

  /** The clips dealt into {@code folds} folds, shuffled by {@code seed}; fewer folds when there are fewer clips. */
  public static List<List<String>> deal(List<String> clips, int folds, long seed) {
    if (folds < 2) {
      throw new IllegalArgumentException("leave-clips-out evaluation needs at least 2 folds, got " + folds);
    }
    List<String> shuffled = new ArrayList<>(clips);
    Collections.sort(shuffled);
    Collections.shuffle(shuffled, new Random(seed));
    int n = Math.min(folds, shuffled.size());
    List<List<String>> out = new ArrayList<>();
    for (int f = 0; f < n; f++) {
      out.add(new ArrayList<>());
    }
    for (int i = 0; i < shuffled.size(); i++) {
      out.get(i % n).add(shuffled.get(i));
    }
    return out;
  }

  /**
   * Trains one model per fold on {@code other} plus the real clips outside the fold, and scores every clip of
   * the fold. {@code sampledFrames} gives each clip's frame count, poses or not.
   */
  public static List<ClipScore> evaluate(List<LabelledPose> other, LabelledClips.Loaded real, List<List<String>> folds,
      int realCopies, boolean realValidation, Training training) {
    List<ClipScore> scores = new ArrayList<>();
    for (int f = 0; f < folds.size(); f++) {
      List<String> heldOut = folds.get(f);
      // With real validation, the next fold's clips steer early stopping instead of training (nested, by clip).
      List<String> validating = realValidation ? folds.get((f + 1) % folds.size()) : List.of();
      List<LabelledPose> train = new ArrayList<>(other);
      train.addAll(copies(real.poses().stream().filter(p -> !heldOut.contains(p.group()) && !validating.contains(p.group()))
          .toList(), realCopies));
      List<LabelledPose> validation = real.poses().stream().filter(p -> validating.contains(p.group())).toList();
      try (ExercisePhaseModel model = training.apply(train, validation)) {
        scores.addAll(score(model, real, heldOut, f + 1));
      }
    }
    return scores;
  }

  /**
   * {@code n} copies of real clips' poses, each copy its own group ({@code clip#2}...), so every copy runs through
   * its own motion window and gets its own augmentation: a way to weigh a few real clips against many synthetic
   * workouts without a per-example loss weight.
   */
  public static List<LabelledPose> copies(List<LabelledPose> poses, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("real clips need at least 1 copy, got " + n);
    }
    List<LabelledPose> out = new ArrayList<>(poses);
    for (int k = 2; k <= n; k++) {
      String suffix = "#" + k;
      poses.forEach(p -> out.add(new LabelledPose(p.pose(), p.exercise(), p.phase(), p.group() + suffix,
          p.phaseFromFootage())));
    }
    return out;
  }

  /** Scores {@code clips} with a model that never saw them; fold 0 means no fold (a model without real clips). */
  public static List<ClipScore> score(ExercisePhaseModel model, LabelledClips.Loaded real, List<String> clips, int fold) {
    List<ClipScore> scores = new ArrayList<>();
    try (Predictor<FeatureVector, ExercisePhase> predictor = model.newPredictor()) {
      for (String clip : clips) {
        List<LabelledPose> poses = real.poses().stream().filter(p -> p.group().equals(clip)).toList();
        if (poses.isEmpty()) {
          scores.add(new ClipScore(clip, "?", fold, real.sampledFrames().get(clip), 0, 0, 0, 0, Map.of()));
          continue;
        }
        List<ExercisePhase> answers = predictor.batchPredict(ModelTrainer.featureVectors(poses, null, null));
        LabelledClips.ClipPhases labelled = real.clipPhases().get(clip);
        List<String> truePhases = labelled == null ? null : labelled.phases();
        Map<String, Integer> predicted = new LinkedHashMap<>();
        int correct = 0;
        int correctUnderWay = 0;
        int withPhase = 0;
        int phaseAsLabelled = 0;
        String exercise = poses.get(0).exercise();
        for (int i = 0; i < answers.size(); i++) {
          ExercisePhase a = answers.get(i);
          predicted.merge(a.exercise(), 1, Integer::sum);
          if (a.exercise().equals(exercise)) {
            correct++;
            if (i >= WARM_UP_FRAMES) {
              correctUnderWay++;
            }
          }
          if (truePhases != null && truePhases.get(i) != null) {
            withPhase++;
            if (truePhases.get(i).equals(a.phase())) {
              phaseAsLabelled++;
            }
          }
        }
        scores.add(new ClipScore(clip, exercise, fold, real.sampledFrames().get(clip), poses.size(), correct,
            Math.max(0, poses.size() - WARM_UP_FRAMES), correctUnderWay, predicted,
            Optional.ofNullable(labelled).map(LabelledClips.ClipPhases::source), withPhase, phaseAsLabelled));
      }
    } catch (TranslateException e) {
      throw new IllegalStateException("scoring held-out clips failed: " + e.getMessage(), e);
    }
    return scores;
  }

  /** Frame-weighted exercise accuracy over all the clips' sampled frames. */
  public static double overall(List<ClipScore> scores) {
    return share(scores, ClipScore::correctFrames, ClipScore::sampledFrames);
  }

  /** Exercise accuracy over the posed frames of all the clips once under way (after {@link #WARM_UP_FRAMES}). */
  public static double overallUnderWay(List<ClipScore> scores) {
    return share(scores, ClipScore::correctUnderWay, ClipScore::framesUnderWay);
  }

  private static double share(List<ClipScore> scores, ToIntFunction<ClipScore> part, ToIntFunction<ClipScore> whole) {
    int total = scores.stream().mapToInt(whole).sum();
    return total == 0 ? 0 : scores.stream().mapToInt(part).sum() / (double) total;
  }

  /** The scores as a Markdown section for the model card. */
  public static String markdown(String title, List<ClipScore> scores) {
    StringBuilder b = new StringBuilder("## ").append(title).append("\n\n");
    b.append("| clip | exercise | fold | frames (10 fps) | with pose | exercise right | per frame | on posed frames | once under way "
        + "| most predicted | phase as labelled |\n");
    b.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (ClipScore s : scores) {
      String top = s.predicted().entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(3)
          .map(e -> e.getKey() + " " + e.getValue()).reduce((a, c) -> a + ", " + c).orElse("-");
      String phase = s.framesWithPhaseLabel() == 0 ? "-"
          : String.format("%.1f%% of %d (%s)", 100.0 * s.phaseAsLabelled() / s.framesWithPhaseLabel(), s.framesWithPhaseLabel(),
              s.phaseSource().map(LabelledClips.PhaseSource::label).orElse("?"));
      String underWay = s.framesUnderWay() == 0 ? "-"
          : String.format("%.1f%% of %d", 100.0 * s.correctUnderWay() / s.framesUnderWay(), s.framesUnderWay());
      b.append(String.format("| %s | %s | %s | %d | %d | %d | %.1f%% | %.1f%% | %s | %s | %s |%n", s.clip(), s.exercise(),
          s.fold() == 0 ? "-" : String.valueOf(s.fold()),
          s.sampledFrames(), s.framesWithPose(), s.correctFrames(), 100 * s.accuracy(), 100 * s.accuracyOnPoses(), underWay,
          top, phase));
    }
    long clipsAt90 = scores.stream().filter(s -> s.accuracy() >= 0.9).count();
    b.append(String.format("%nOverall, frame-weighted: **%.1f%%** of sampled frames labelled with the clip's exercise; "
        + "%d of %d clips at 90%% or more.%n%n", 100 * overall(scores), clipsAt90, scores.size()));
    b.append(String.format(Locale.ROOT, "Once under way: **%.1f%%** of the %d posed frames after each clip's first %d (%.0f s at "
        + "%.0f fps), when the motion window is full and the student has usually begun (many clips open with the student "
        + "standing, which the model calls \"none\").%n%n", 100 * overallUnderWay(scores),
        scores.stream().mapToInt(ClipScore::framesUnderWay).sum(), WARM_UP_FRAMES, WARM_UP_FRAMES / ClipPoses.SAMPLE_FPS,
        ClipPoses.SAMPLE_FPS));
    OptionalDouble phase = phaseAsLabelled(scores);
    if (phase.isPresent()) {
      b.append(String.format("Phase: **%.1f%%** of %d posed frames in %d clips given their labelled phase (from a phases "
          + "file, the source's rep marks, or the clip's own movement where it makes exactly its reps).%n%n",
          100 * phase.getAsDouble(), scores.stream().mapToInt(ClipScore::framesWithPhaseLabel).sum(),
          scores.stream().filter(s -> s.framesWithPhaseLabel() > 0).count()));
    }
    return b.toString();
  }

  /** The share of frames with a phase label that the model gave that phase; empty if no frame has one. */
  public static OptionalDouble phaseAsLabelled(List<ClipScore> scores) {
    int phased = scores.stream().mapToInt(ClipScore::framesWithPhaseLabel).sum();
    return phased == 0 ? OptionalDouble.empty()
        : OptionalDouble.of(scores.stream().mapToInt(ClipScore::phaseAsLabelled).sum() / (double) phased);
  }
}
