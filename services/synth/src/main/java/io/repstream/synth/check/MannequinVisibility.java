package io.repstream.synth.check;

import io.repstream.synth.SequenceGenerator;
import io.repstream.synth.SynthOptions;
import io.repstream.synth.SynthSequence;
import io.repstream.synth.body.Joint;
import io.repstream.synth.camera.ProjectedPose;
import io.repstream.synth.motion.Exercise;
import io.repstream.synth.motion.FrameTruth;
import io.repstream.synth.motion.SetPlan;
import io.repstream.synth.motion.WorkoutScript;
import io.repstream.synth.render.FrameRenderer;
import io.repstream.vision.pose.Keypoint;
import io.repstream.vision.pose.PersonCropTracker;
import io.repstream.vision.pose.Pose;
import io.repstream.vision.pose.PoseEstimator;
import io.repstream.vision.pose.RgbImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * How well the pose engine sees the rendered mannequin, which decides whether rendered videos can stand in for
 * people in end-to-end tests: each exercise is rendered with the generator's own random cameras and scenes, sent
 * through a JPEG round trip (the pipeline carries JPEG frames) and the tracked pose engine, and compared with the
 * true projected joints. A frame counts as detected when the engine reports a pose at all (its own minimum pose
 * score); PCK@0.1 is the share of visible true keypoints that the engine put within 0.1 of the true keypoints'
 * box (its longer side) of where they are.
 */
public final class MannequinVisibility {
  /** PCK threshold as a share of the true keypoints' box, the usual PCK@0.1. */
  static final double PCK_THRESHOLD = 0.1;
  /** Reps (or seconds of a hold or idle activity) rendered per sequence. */
  static final int REPS_PER_SEQUENCE = 2;
  static final double SECONDS_PER_HOLD = 4;
  /**
   * Shoulder span over torso length in the picture above which a body is seen from the front, and below which
   * from the side: a body turned side-on shows its shoulders one behind the other.
   */
  static final double FRONT_RATIO = 0.5;
  static final double SIDE_RATIO = 0.2;

  /** Where the camera sees the body from, judged from the true projected joints of each frame. */
  public enum View { FRONT, ANGLED, SIDE }

  /** Counts for one exercise seen from one view. */
  public static final class Tally {
    int frames;
    int detected;
    int visibleKeypoints;
    int correctKeypoints;

    public int frames() {
      return frames;
    }

    public double detectedShare() {
      return frames == 0 ? Double.NaN : (double) detected / frames;
    }

    public double pck() {
      return visibleKeypoints == 0 ? Double.NaN : (double) correctKeypoints / visibleKeypoints;
    }

    void add(Tally t) {
      frames += t.frames;
      detected += t.detected;
      visibleKeypoints += t.visibleKeypoints;
      correctKeypoints += t.correctKeypoints;
    }
  }

  /** What to measure: exercises, sequences (seeds) per exercise, every {@code stride}-th frame. */
  public record Plan(List<Exercise> exercises, int seedsPerExercise, long firstSeed, int stride) {
    public Plan {
      if (exercises.isEmpty() || seedsPerExercise < 1 || stride < 1) {
        throw new IllegalArgumentException("a visibility check needs exercises, at least one seed and a stride of 1 or more");
      }
    }
  }

  /** Tallies per exercise and view, in the plan's exercise order. */
  public record Result(Map<Exercise, Map<View, Tally>> tallies) {
    public Tally total() {
      Tally all = new Tally();
      tallies.values().forEach(m -> m.values().forEach(all::add));
      return all;
    }

    public Tally of(Exercise e) {
      Tally t = new Tally();
      tallies.getOrDefault(e, Map.of()).values().forEach(t::add);
      return t;
    }

    public String markdown() {
      StringBuilder b = new StringBuilder();
      b.append("| exercise | frames | detected | PCK@0.1 |");
      for (View v : View.values()) {
        b.append(' ').append(v.name().toLowerCase(Locale.ROOT)).append(": frames / detected / PCK@0.1 |");
      }
      b.append("\n|---|---:|---:|---:|").append("---|".repeat(View.values().length)).append('\n');
      tallies.forEach((e, views) -> {
        Tally t = of(e);
        b.append(String.format(Locale.ROOT, "| %s | %d | %s | %s |", e.label(), t.frames(), percent(t.detectedShare()),
            percent(t.pck())));
        for (View v : View.values()) {
          Tally vt = views.get(v);
          b.append(vt == null || vt.frames() == 0 ? " |"
              : String.format(Locale.ROOT, " %d / %s / %s |", vt.frames(), percent(vt.detectedShare()), percent(vt.pck())));
        }
        b.append('\n');
      });
      Tally all = total();
      b.append(String.format(Locale.ROOT, "| **all** | %d | %s | %s |%s%n", all.frames(), percent(all.detectedShare()),
          percent(all.pck()), " |".repeat(View.values().length)));
      return b.toString();
    }

    /** The line scripts read. */
    public String summary() {
      Tally all = total();
      return String.format(Locale.ROOT, "mannequin frames=%d detected=%.3f pck01=%.3f", all.frames(), all.detectedShare(),
          all.pck());
    }

    private static String percent(double share) {
      return Double.isNaN(share) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }
  }

  private final PoseEstimator estimator;

  public MannequinVisibility(PoseEstimator estimator) {
    this.estimator = estimator;
  }

  public Result measure(Plan plan, PrintStream progress) throws IOException {
    Map<Exercise, Map<View, Tally>> tallies = new LinkedHashMap<>();
    int done = 0;
    int total = plan.exercises().size() * plan.seedsPerExercise();
    for (Exercise exercise : plan.exercises()) {
      Map<View, Tally> views = tallies.computeIfAbsent(exercise, k -> new EnumMap<>(View.class));
      for (int s = 0; s < plan.seedsPerExercise(); s++) {
        long seed = plan.firstSeed() + s;
        measureSequence(generate(exercise, seed), plan.stride(), views);
        done++;
        progress.printf(Locale.ROOT, "\rmannequin visibility [%-20s] %d/%d %s seed %d   ", "#".repeat(20 * done / total),
            done, total, exercise.label(), seed);
      }
    }
    progress.println();
    return new Result(tallies);
  }

  private static SynthSequence generate(Exercise exercise, long seed) {
    SetPlan set = exercise.mode() == Exercise.Mode.REPS ? SetPlan.reps(exercise, REPS_PER_SEQUENCE)
        : SetPlan.seconds(exercise, SECONDS_PER_HOLD);
    return new SequenceGenerator().generate(SynthOptions.of(new WorkoutScript(List.of(set)), seed));
  }

  private void measureSequence(SynthSequence seq, int stride, Map<View, Tally> views) throws IOException {
    FrameRenderer renderer = new FrameRenderer(seq.camera(), seq.scene(), seq.workout().body());
    PersonCropTracker tracker = new PersonCropTracker();
    List<FrameTruth> frames = seq.workout().frames();
    int width = seq.camera().width();
    int height = seq.camera().height();
    for (int i = 0; i < frames.size(); i += stride) {
      FrameTruth f = frames.get(i);
      if (f.exercise() == null) {
        continue;
      }
      RgbImage image = RgbImage.decode(jpeg(renderer.render(f.skeleton(), f.barHeight())));
      List<Pose> found = estimator.estimateTracked(List.of(image), List.of(tracker)).get(0);
      ProjectedPose truth = seq.truth().get(i);
      Tally t = views.computeIfAbsent(view(truth, width, height), k -> new Tally());
      t.frames++;
      if (found.isEmpty()) {
        continue;
      }
      t.detected++;
      Pose pose = found.get(0);
      double threshold = PCK_THRESHOLD * boxSide(truth, width, height);
      for (int k = 0; k < Joint.COCO_COUNT; k++) {
        if (!truth.visible(k)) {
          continue;
        }
        t.visibleKeypoints++;
        Keypoint kp = pose.keypoints().get(k);
        if (Math.hypot(kp.x() - truth.x()[k] * width, kp.y() - truth.y()[k] * height) <= threshold) {
          t.correctKeypoints++;
        }
      }
    }
  }

  static View view(ProjectedPose p, int width, int height) {
    double shoulders = distance(p, Joint.LEFT_SHOULDER.ordinal(), Joint.RIGHT_SHOULDER.ordinal(), width, height);
    double midShoulderX = (p.x()[Joint.LEFT_SHOULDER.ordinal()] + p.x()[Joint.RIGHT_SHOULDER.ordinal()]) / 2 * width;
    double midShoulderY = (p.y()[Joint.LEFT_SHOULDER.ordinal()] + p.y()[Joint.RIGHT_SHOULDER.ordinal()]) / 2 * height;
    double midHipX = (p.x()[Joint.LEFT_HIP.ordinal()] + p.x()[Joint.RIGHT_HIP.ordinal()]) / 2 * width;
    double midHipY = (p.y()[Joint.LEFT_HIP.ordinal()] + p.y()[Joint.RIGHT_HIP.ordinal()]) / 2 * height;
    double torso = Math.hypot(midShoulderX - midHipX, midShoulderY - midHipY);
    double ratio = torso == 0 ? Double.POSITIVE_INFINITY : shoulders / torso;
    return ratio >= FRONT_RATIO ? View.FRONT : ratio <= SIDE_RATIO ? View.SIDE : View.ANGLED;
  }

  private static double distance(ProjectedPose p, int a, int b, int width, int height) {
    return Math.hypot((p.x()[a] - p.x()[b]) * width, (p.y()[a] - p.y()[b]) * height);
  }

  private static double boxSide(ProjectedPose p, int width, int height) {
    double loX = Double.MAX_VALUE;
    double hiX = -Double.MAX_VALUE;
    double loY = Double.MAX_VALUE;
    double hiY = -Double.MAX_VALUE;
    for (int k = 0; k < Joint.COCO_COUNT; k++) {
      loX = Math.min(loX, p.x()[k] * width);
      hiX = Math.max(hiX, p.x()[k] * width);
      loY = Math.min(loY, p.y()[k] * height);
      hiY = Math.max(hiY, p.y()[k] * height);
    }
    return Math.max(hiX - loX, hiY - loY);
  }

  private static byte[] jpeg(BufferedImage image) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (!ImageIO.write(image, "jpg", out)) {
      throw new IOException("no JPEG writer for a " + image.getType() + " image");
    }
    return out.toByteArray();
  }

  /** Every exercise, hold and idle activity the generator knows. */
  public static List<Exercise> allExercises() {
    return new ArrayList<>(List.of(Exercise.values()));
  }
}
