package io.repstream.app;

import ai.djl.Device;
import io.repstream.exercise.ModelMetadata;
import io.repstream.synth.motion.Exercise;
import io.repstream.trainer.ClipFolds;
import io.repstream.trainer.ClipPoses;
import io.repstream.trainer.GroupSplit;
import io.repstream.trainer.ImageFolderPoses;
import io.repstream.trainer.LabelledClips;
import io.repstream.vision.pose.MoveNet;
import io.repstream.vision.pose.MoveNetModel;
import io.repstream.trainer.LabelledPose;
import io.repstream.trainer.ModelTrainer;
import io.repstream.trainer.SyntheticPoses;
import io.repstream.trainer.TrainingOptions;
import io.repstream.trainer.TrainingReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Trains the exercise and phase model and writes it with its card and pictures. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Trains the exercise and phase model on synthetic workouts (exact labels for every frame), optionally"
        + " with real videos from a labels file (exercise per clip, and phases where a phases file, rep marks or the clip's"
        + " own movement give them; poses extracted as the classifier does), and writes"
        + " the model, MODEL_CARD.md, confusion matrices, training curves and the most confident mistakes. With videos,"
        + " the card also scores every clip with a model that never saw it (leave-clips-out folds, split by video).")
final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the model and its report.")
  Path out;

  @Option(names = "--synthetic", defaultValue = "120", paramLabel = "N",
      description = "Synthetic workout sequences to generate (default: ${DEFAULT-VALUE}).")
  int sequences;

  @Option(names = "--exercises", split = ",", paramLabel = "LIST",
      description = "Exercises to learn, e.g. squat,push_up (default: the whole catalogue).")
  List<String> exercises = new ArrayList<>();

  @Option(names = "--epochs", defaultValue = "60", description = "Most epochs (default: ${DEFAULT-VALUE}); training stops earlier when validation stops improving.")
  int epochs;

  @Option(names = "--validation", defaultValue = "0.2", description = "Share of sequences held out (default: ${DEFAULT-VALUE}).")
  double validation;

  @Option(names = "--videos", paramLabel = "TSV",
      description = {"Labels file of real clips (clips.tsv layout: file, exercise, reps); clips whose exercise is not learnt are",
          "skipped and listed. A clip may have labels/<clip>.phases.csv (time,phase) or rep marks (labels/<clip>.npy,",
          "labels/<clip>.labels.csv) beside it; see --clip-phases."})
  Path videos;

  @Option(names = "--images", paramLabel = "DIR",
      description = "Folder of still images in exercise subfolders (e.g. squat/, push up/), optionally split into up/ and down/ (phase TOP and BOTTOM).")
  Path images;

  @Option(names = "--pose-cache", defaultValue = "target/pose-cache", paramLabel = "DIR",
      description = "Folder caching each clip's poses, keyed by the clip's SHA-256 and the pose model (default: ${DEFAULT-VALUE}).")
  Path poseCache;

  @Option(names = "--pose-model", defaultValue = "lightning", paramLabel = "MODEL",
      description = "MoveNet model that finds the poses in videos and images: lightning or thunder (default:"
          + " ${DEFAULT-VALUE}; over five seeds, models that learnt lightning's poses of the development clips named"
          + " held-out clips better than ones that learnt thunder's: docs/accuracy.md).")
  String poseModel;

  @Option(names = "--clip-folds", defaultValue = "4", paramLabel = "K",
      description = "Leave-clips-out folds for the real-clip report (default: ${DEFAULT-VALUE}; 0 skips it).")
  int clipFolds;

  @Option(names = "--real-copies", defaultValue = "1", paramLabel = "N",
      description = "Copies of each real clip in training, to weigh a few real clips against many synthetic workouts (default: ${DEFAULT-VALUE}).")
  int realCopies;

  @Option(names = "--real-validation",
      description = "In the real-clip report, let one other fold's clips (not the held-out ones) join validation for early stopping.")
  boolean realValidation;

  @Option(names = {"--clip-phases", "--motion-phases"},
      description = {"Teach the phase head the real clips' phase labels: from labels/<clip>.phases.csv (time,phase), else",
          "from the rep marks of labels/<clip>.npy or .labels.csv, else from the clip's own movement where it makes",
          "exactly its reps. Without it real clips teach the exercise only; the report scores phases against the same",
          "labels either way."})
  boolean clipPhases;

  @Option(names = "--baseline", description = "Also score a synthetic-only model on every real clip, for comparison.")
  boolean baseline;

  @Option(names = "--seed", defaultValue = "7", description = "Seed of data, split and training (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--name", defaultValue = "repstream-exercise", description = "Model name (default: ${DEFAULT-VALUE}).")
  String name;

  @Option(names = "--model-version", defaultValue = "1", description = "Model version (default: ${DEFAULT-VALUE}).")
  String version;

  @Option(names = "--feature-version", paramLabel = "N",
      description = {"Pose features to train on (default: 2, as the starter model). 2 adds where in its movement each",
          "frame is, for a phase network of its own trained after the version 1 network, whose exercise head it",
          "keeps: phases that count reps better, the same exercise names (docs/accuracy.md)."})
  Integer featureVersion;

  @Option(names = "--members", paramLabel = "N",
      description = {"Exercise networks to train, each from its own initial weights, and average (default: 3, as the",
          "starter model). Three name unseen clips more steadily than one (docs/accuracy.md); each takes as long to train."})
  Integer members;

  private static List<LabelledPose> concat(List<LabelledPose> a, List<LabelledPose> b) {
    List<LabelledPose> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /** How many clips took their phase labels from each source, e.g. "2 from rep marks, 7 from movement". */
  private static String phaseSources(LabelledClips.Loaded real) {
    Map<LabelledClips.PhaseSource, Long> bySource = new EnumMap<>(LabelledClips.PhaseSource.class);
    real.clipPhases().values().forEach(c -> bySource.merge(c.source(), 1L, Long::sum));
    return bySource.entrySet().stream().map(e -> e.getValue() + " from " + e.getKey().label())
        .reduce((a, b) -> a + ", " + b).orElse("none");
  }

  private static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public Integer call() throws Exception {
    MoveNetModel poseKind;
    try {
      poseKind = MoveNetModel.parse(poseModel);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--pose-model: " + e.getMessage());
    }
    if (poseKind.multiPerson()) {
      throw new ParameterException(spec.commandLine(), "--pose-model " + poseModel + ": training needs a single-person model (lightning or thunder)");
    }
    TrainingOptions options = TrainingOptions.DEFAULT.withMaxEpochs(epochs).withSeed(seed);
    if (featureVersion != null) {
      try {
        options = options.withFeatureVersion(featureVersion);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--feature-version " + featureVersion + ": " + e.getMessage());
      }
    }
    if (members != null) {
      if (members < 1) {
        throw new ParameterException(spec.commandLine(), "--members " + members + ": a model needs at least 1 exercise network");
      }
      options = options.withMembers(members);
    }
    if (sequences < 2) {
      // Through the spec, so the message reaches this command line's error stream and usage, not a fresh one's.
      throw new ParameterException(spec.commandLine(), "--synthetic needs at least 2 sequences");
    }
    List<Exercise> chosen = new ArrayList<>();
    for (String e : exercises) {
      chosen.add(Exercise.fromLabel(e));
    }
    System.err.println("Generating " + sequences + " synthetic workouts...");
    List<LabelledPose> poses = SyntheticPoses.generate(sequences, chosen, seed);
    // Validation (early stopping) is synthetic only: real clips are few, and the held-out ones must not steer training.
    GroupSplit split = GroupSplit.of(poses, validation, seed);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("synthetic sequences", sequences);
    data.put("exercises asked for", chosen.isEmpty() ? "whole catalogue" : exercises);
    StringBuilder sections = new StringBuilder();
    List<LabelledPose> train = new ArrayList<>(split.train());
    ModelTrainer trainer = new ModelTrainer(options, Device.cpu());
    Set<String> learnt = new TreeSet<>();
    (chosen.isEmpty() ? List.of(Exercise.values()) : chosen).stream().filter(e -> e.mode() != Exercise.Mode.IDLE)
        .forEach(e -> learnt.add(e.label()));
    LabelledClips.Loaded real = null;
    Double heldOutAccuracy = null;
    Double heldOutUnderWay = null;
    if (videos != null || images != null) {
      try (MoveNet moveNet = MoveNet.load(poseKind, Device.cpu())) {
        if (images != null) {
          System.err.println("Finding poses in the images under " + images + "...");
          ImageFolderPoses.Loaded stills = ImageFolderPoses.load(images, learnt, moveNet, MoveNet.DEFAULT_MIN_POSE_SCORE);
          data.put("still images", stills.poses().size() + " with a pose, " + stills.imagesWithoutPose() + " without");
          data.put("image folders skipped (exercise not learnt)", stills.skippedFolders());
          // Stills only ever train: they are no video, so the per-clip report cannot hold them out.
          train.addAll(stills.poses());
        }
        if (videos != null) {
          System.err.println("Extracting poses of the clips in " + videos + " (cache " + poseCache + ")...");
          real = LabelledClips.load(videos, learnt, new ClipPoses(moveNet, MoveNet.DEFAULT_MIN_POSE_SCORE, Optional.of(poseCache)),
              clipPhases);
        }
      }
    }
    if (real != null) {
      // The clips and labels decide the model: name the exact labels file so the card can be reproduced.
      data.put(ModelMetadata.POSE_MODEL, poseKind.fileBaseName());
      data.put("labels file", videos.getFileName() + " (SHA-256 " + sha256(videos) + ")");
      data.put("real clips", real.usedClips().size() + " (" + real.poses().size() + " frames with a pose, "
          + (clipPhases ? "exercise label, and phase labels in " + real.clipPhases().size() + " clips: "
              + phaseSources(real) + ")" : "exercise label only)"));
      if (clipPhases) {
        // The model learns these labels too: name each file so that a changed label shows on the card.
        List<String> files = new ArrayList<>();
        for (LabelledClips.ClipPhases c : real.clipPhases().values()) {
          if (c.file().isPresent()) {
            files.add(c.file().get().getFileName() + " (SHA-256 " + sha256(c.file().get()) + ")");
          }
        }
        data.put("phase label files", files);
      }
      data.put("real clips skipped (exercise not learnt)", real.skipped().stream()
          .map(c -> c.video().getFileName() + " (" + c.exercise() + ")").toList());
      if (clipFolds > 0) {
        List<List<String>> folds = ClipFolds.deal(real.usedClips(), clipFolds, seed);
        System.err.println("Leave-clips-out evaluation: " + folds.size() + " folds over " + real.usedClips().size() + " clips...");
        List<ClipFolds.ClipScore> scores = ClipFolds.evaluate(List.copyOf(train), real, folds, realCopies,
            realValidation, (t, v) -> trainer.train(t, concat(split.validation(), v), name, version, data).model());
        sections.append(ClipFolds.markdown("Real clips, each scored by a model trained without it (" + folds.size()
            + " folds by clip)", scores));
        heldOutAccuracy = ClipFolds.overall(scores);
        heldOutUnderWay = ClipFolds.overallUnderWay(scores);
        System.out.printf("train real_clip_folds=%d clips=%d exercise_accuracy_per_frame=%.3f under_way=%.3f phase_as_labelled=%s%n",
            folds.size(), scores.size(), heldOutAccuracy, heldOutUnderWay, ClipFolds.phaseAsLabelled(scores).stream()
                .mapToObj(v -> String.format(Locale.ROOT, "%.3f", v)).findFirst().orElse("n/a"));
        if (baseline) {
          List<ClipFolds.ClipScore> synthOnly;
          try (var model = trainer.train(split.train(), split.validation(), name, version, data).model()) {
            synthOnly = ClipFolds.score(model, real, real.usedClips(), 0);
          }
          sections.append(ClipFolds.markdown("Real clips scored by a synthetic-only model (baseline)", synthOnly));
          System.out.printf("train baseline=synthetic-only clips=%d exercise_accuracy_per_frame=%.3f%n", synthOnly.size(),
              ClipFolds.overall(synthOnly));
        }
      }
      train.addAll(ClipFolds.copies(real.poses(), realCopies));
    }
    data.put("frames for training", train.size());
    data.put("frames for validation", split.validation().size());
    ModelTrainer.Result result = trainer.train(train, split.validation(), name, version, data);
    String command = "bin/repstream train --out " + out + " --synthetic " + sequences
        + (exercises.isEmpty() ? "" : " --exercises " + String.join(",", exercises))
        + (images == null ? "" : " --images " + images)
        + (videos == null && images == null ? "" : " --pose-model " + poseKind.name().toLowerCase(Locale.ROOT))
        + (videos == null ? "" : " --videos " + videos + " --clip-folds " + clipFolds + " --real-copies " + realCopies + (realValidation ? " --real-validation" : "") + (clipPhases ? " --clip-phases" : "") + (baseline ? " --baseline" : ""))
        + " --epochs " + epochs + " --validation " + validation + " --seed " + seed + " --name " + name
        + " --model-version " + version + (options.featureVersion() == TrainingOptions.DEFAULT.featureVersion() ? "" : " --feature-version " + options.featureVersion())
        // Always named: the default changed once (version 4 of the starter), and a card must reproduce its model.
        + " --members " + options.members();
    try (var model = result.model()) {
      if (real != null) {
        // The final model saw these clips: this says how well it fits them, not how it does on a new video
        // (the leave-clips-out table above says that).
        List<ClipFolds.ClipScore> inSample = ClipFolds.score(model, real, real.usedClips(), 0);
        sections.append(ClipFolds.markdown("Real clips scored by this model, which was trained on them (in-sample; not a"
            + " measure of generalisation)", inSample));
        Map<String, Double> metrics = new TreeMap<>(model.metadata().metrics());
        metrics.put("real_clips_in_sample_exercise_accuracy", ClipFolds.overall(inSample));
        if (heldOutAccuracy != null) {
          metrics.put("real_clips_held_out_exercise_accuracy", heldOutAccuracy);
          metrics.put("real_clips_held_out_exercise_accuracy_under_way", heldOutUnderWay);
        }
        model.recordMetrics(metrics);
        System.out.printf("train real_clips_in_sample clips=%d exercise_accuracy_per_frame=%.3f%n", inSample.size(),
            ClipFolds.overall(inSample));
      }
      TrainingReport.write(result, command, out, sections.toString());
    }
    System.out.printf("train model=%s exercise_accuracy=%.3f phase_accuracy=%.3f best_epoch=%d out=%s%n", name,
        result.exercises().accuracy(), result.phases().accuracy(), result.bestEpoch(), out);
    return 0;
  }
}
