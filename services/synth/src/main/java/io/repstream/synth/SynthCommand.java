package io.repstream.synth;

import ai.djl.Device;
import io.repstream.synth.check.MannequinVisibility;
import io.repstream.synth.motion.Exercise;
import io.repstream.synth.motion.SetPlan;
import io.repstream.synth.motion.TempoModel;
import io.repstream.synth.motion.WorkoutScript;
import io.repstream.synth.noise.KeypointNoise;
import io.repstream.synth.output.DatasetWriter;
import io.repstream.synth.output.GalleryRenderer;
import io.repstream.synth.output.LabelWriter;
import io.repstream.synth.output.VideoRenderer;
import io.repstream.vision.pose.MoveNet;
import io.repstream.vision.pose.MoveNetModel;
import io.repstream.vision.pose.PoseEstimator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code repstream synth}: synthetic workouts with exact labels. One sequence (keypoints, labels and a rendered
 * MP4), a gallery video of several participants, or a dataset of many labelled sequences with a manifest.
 */
@Command(name = "synth", mixinStandardHelpOptions = true,
    description = "Generate synthetic workouts (3D mannequin) with exact per-frame labels.")
public final class SynthCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(SynthCommand.class);
  private static final int DEFAULT_REPS = 10;
  private static final double DEFAULT_HOLD_SECONDS = 20;
  static final String VISIBILITY_FILE = "visibility.md";

  @Spec
  CommandSpec spec;

  @Option(names = "--exercise", description = "One exercise: ${COMPLETION-CANDIDATES}.", converter = ExerciseConverter.class)
  Exercise exercise;

  @Option(names = "--reps", description = "Counted reps for --exercise (default " + DEFAULT_REPS + ").")
  Integer reps;

  @Option(names = "--seconds", description = "Duration for a hold or idle --exercise such as plank (default 20).")
  Double seconds;

  @Option(names = "--workout", description = "A whole script instead of --exercise, e.g. standing:3s,squat:12,plank:20s,push_up:8.")
  String workout;

  @Option(names = "--seed", defaultValue = "1", description = "Seed; the same seed gives the same output (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", required = true, description = "Output folder.")
  Path out;

  @Option(names = "--fps", defaultValue = "30", description = "Frames per second (default ${DEFAULT-VALUE}).")
  double fps;

  @Option(names = "--width", defaultValue = "640", description = "Picture width (default ${DEFAULT-VALUE}).")
  int width;

  @Option(names = "--height", defaultValue = "480", description = "Picture height (default ${DEFAULT-VALUE}).")
  int height;

  @Option(names = "--no-video", description = "Write keypoints and labels only, no MP4.")
  boolean noVideo;

  @Option(names = "--steady", description = "Every rep alike: no tempo changes, pauses, partial or failed reps.")
  boolean steady;

  @Option(names = "--clean-keypoints", description = "Keypoints without estimator noise.")
  boolean cleanKeypoints;

  @Option(names = "--noise", description = "Change keypoint noise parameters, e.g. jitter=0.02,swapRate=0 (see KeypointNoise).")
  String noise;

  @Option(names = "--dataset", description = "Dataset mode: write this many random sequences and a manifest.")
  Integer dataset;

  @Option(names = "--dataset-video", description = "In dataset mode, also render each sequence to MP4.")
  boolean datasetVideo;

  @Option(names = "--gallery", description = "Gallery mode: this many participants tiled in one video.")
  Integer gallery;

  @Option(names = "--check-visibility", paramLabel = "SEEDS",
      description = {"Instead of writing a workout: render every exercise (or --exercise) with SEEDS random cameras and",
          "scenes, run the pose engine (MoveNet lightning, CPU) on it and write how often it finds the mannequin and",
          "its PCK@0.1 per exercise and view to OUT/visibility.md."})
  Integer checkVisibility;

  @Option(names = "--check-stride", defaultValue = "6",
      description = "With --check-visibility: look at every N-th frame (default ${DEFAULT-VALUE}, 5 a second at 30 fps).")
  int checkStride;

  @Override
  public Integer call() {
    try {
      return generate();
    } catch (IOException e) {
      spec.commandLine().getErr().println("synth: cannot write to " + out.toAbsolutePath() + ": " + e);
      return 1;
    }
  }

  private int generate() throws IOException {
    if (checkVisibility != null) {
      return checkVisibility();
    }
    if (dataset != null && gallery != null) {
      throw new ParameterException(spec.commandLine(), "--dataset and --gallery cannot be used together");
    }
    SynthOptions base;
    try {
      base = new SynthOptions(script(), seed, fps, width, height, steady ? TempoModel.STEADY : TempoModel.NATURAL,
          noiseModel());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    if (dataset != null) {
      if (dataset < 1) {
        throw new ParameterException(spec.commandLine(), "--dataset needs a positive count, got " + dataset);
      }
      DatasetWriter.write(base, dataset, exercise, datasetVideo, out);
      LOG.info("wrote {} sequences and {} to {}", dataset, DatasetWriter.MANIFEST_FILE, out);
      return 0;
    }
    if (gallery != null) {
      if (gallery < 1 || gallery > 25) {
        throw new ParameterException(spec.commandLine(), "--gallery takes 1 to 25 participants, got " + gallery);
      }
      Random seeds = new Random(seed);
      List<SynthOptions> people = new ArrayList<>();
      for (int i = 0; i < gallery; i++) {
        people.add(base.withSeed(seeds.nextLong()));
      }
      GalleryRenderer.write(people, width, height, out);
      LOG.info("wrote a {}-participant gallery to {}", gallery, out);
      return 0;
    }
    SynthSequence seq = new SequenceGenerator().generate(base);
    LabelWriter.write(seq, out);
    if (!noVideo) {
      VideoRenderer.write(seq, out.resolve(VideoRenderer.VIDEO_FILE));
    }
    LOG.info("wrote {} frames ({} s) of {} to {}", seq.workout().frames().size(),
        String.format("%.1f", seq.workout().seconds()), base.script(), out);
    return 0;
  }

  private int checkVisibility() throws IOException {
    if (checkVisibility < 1) {
      throw new ParameterException(spec.commandLine(), "--check-visibility needs at least 1 seed, got " + checkVisibility);
    }
    if (checkStride < 1) {
      throw new ParameterException(spec.commandLine(), "--check-stride needs a positive stride, got " + checkStride);
    }
    List<Exercise> exercises = exercise == null ? MannequinVisibility.allExercises() : List.of(exercise);
    MannequinVisibility.Result result;
    try (MoveNet model = MoveNet.load(MoveNetModel.LIGHTNING, Device.cpu());
        PoseEstimator estimator = model.newEstimator()) {
      result = new MannequinVisibility(estimator).measure(
          new MannequinVisibility.Plan(exercises, checkVisibility, seed, checkStride), System.err);
    }
    Files.createDirectories(out);
    Path report = out.resolve(VISIBILITY_FILE);
    Files.writeString(report, "# How well MoveNet lightning sees the mannequin\n\n" + "`repstream synth --check-visibility "
        + checkVisibility + " --seed " + seed + " --check-stride " + checkStride + "`\n\n" + result.markdown());
    spec.commandLine().getOut().print(result.markdown());
    spec.commandLine().getOut().println("Report: " + report);
    spec.commandLine().getOut().println(result.summary());
    return 0;
  }

  private KeypointNoise noiseModel() {
    KeypointNoise model = cleanKeypoints ? KeypointNoise.NONE : KeypointNoise.MOVENET_LIKE;
    return noise == null ? model : model.with(noise);
  }

  private WorkoutScript script() {
    if (workout != null) {
      if (exercise != null) {
        throw new ParameterException(spec.commandLine(), "give either --workout or --exercise, not both");
      }
      return WorkoutScript.parse(workout);
    }
    if (exercise == null) {
      if (dataset != null || gallery != null) {
        return WorkoutScript.parse("standing:1s");
      }
      throw new ParameterException(spec.commandLine(), "give --exercise (with --reps or --seconds) or --workout");
    }
    if (exercise.mode() == Exercise.Mode.REPS) {
      if (seconds != null) {
        throw new ParameterException(spec.commandLine(), exercise.label() + " is counted in reps: use --reps, not --seconds");
      }
      return new WorkoutScript(List.of(SetPlan.reps(exercise, reps == null ? DEFAULT_REPS : reps)));
    }
    if (reps != null) {
      throw new ParameterException(spec.commandLine(), exercise.label() + " is timed: use --seconds, not --reps");
    }
    return new WorkoutScript(List.of(SetPlan.seconds(exercise, seconds == null ? DEFAULT_HOLD_SECONDS : seconds)));
  }

  /** Accepts labels as written in datasets ({@code push_up}) as well as {@code push-up}. */
  static final class ExerciseConverter implements picocli.CommandLine.ITypeConverter<Exercise> {
    @Override
    public Exercise convert(String value) {
      return Exercise.fromLabel(value);
    }
  }

  public static void main(String[] args) {
    System.exit(new picocli.CommandLine(new SynthCommand()).execute(args));
  }
}
