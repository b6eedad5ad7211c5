package io.repstream.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.repstream.counter.catalogue.ExerciseCatalogue;
import io.repstream.exercise.ExercisePhaseModel;
import io.repstream.exercise.ModelMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The evaluation's figures: per clip, overall MAE (mean of |counted - true| / true) and OBO (share of clips
 * off by at most one), the clips whose exercise was named right, and the same per exercise; with the exercises the
 * model can name ({@code modelExercises}, empty when unknown), the share of frames it labelled right over the clips
 * of those exercises. As Markdown for people and JSON for programs.
 */
public record EvalReport(List<ClipResult> clips, String pipeline, Set<String> modelExercises) {

  /** A report that does not know which exercises its model can name. */
  public EvalReport(List<ClipResult> clips, String pipeline) {
    this(clips, pipeline, Set.of());
  }

  /** The exercises the model in {@code dir} can name, "none" left out. */
  public static Set<String> exercisesOf(Path dir) {
    return exercisesOf(ExercisePhaseModel.readMetadata(dir));
  }

  static Set<String> exercisesOf(ModelMetadata metadata) {
    return metadata.exercises().stream().filter(e -> !ExerciseCatalogue.isNone(e)).collect(Collectors.toCollection(TreeSet::new));
  }

  /**
   * The same figures over the clips whose exercise the model can name: where its exercise and phase outputs can be
   * judged at all. Empty when the model's exercises are unknown or none of their clips was played.
   */
  public Optional<EvalReport> onKnownExercises() {
    List<ClipResult> known = clips.stream().filter(c -> modelExercises.contains(c.expectedExercise())).toList();
    return known.isEmpty() ? Optional.empty() : Optional.of(new EvalReport(known, pipeline, modelExercises));
  }

  /**
   * Of the frames of the clips whose exercise the model can name, the share it labelled with that exercise, frame by
   * frame (frames without a pose count as wrong); empty when the model's exercises are unknown or none was played.
   */
  public OptionalDouble frameAccuracyOnKnownExercises() {
    return onKnownExercises().map(EvalReport::frameAccuracy).orElse(OptionalDouble.empty());
  }

  private OptionalDouble frameAccuracy() {
    return frames() == 0 ? OptionalDouble.empty()
        : OptionalDouble.of(clips.stream().mapToLong(ClipResult::framesNamedRight).sum() / (double) frames());
  }

  public long frames() {
    return clips.stream().mapToLong(ClipResult::frames).sum();
  }

  public double mae() {
    return clips.stream().mapToDouble(ClipResult::relativeError).average().orElse(Double.NaN);
  }

  public double obo() {
    return clips.stream().mapToDouble(c -> c.offByOneOrLess() ? 1 : 0).average().orElse(Double.NaN);
  }

  /** Clips whose reps were counted mostly under the exercise their label names. */
  public long namedRight() {
    return clips.stream().filter(ClipResult::namedRight).count();
  }

  public Map<String, EvalReport> byExercise() {
    Map<String, List<ClipResult>> groups = clips.stream().collect(Collectors.groupingBy(ClipResult::expectedExercise, TreeMap::new,
        Collectors.toList()));
    Map<String, EvalReport> out = new LinkedHashMap<>();
    groups.forEach((e, list) -> out.put(e, new EvalReport(list, pipeline, modelExercises)));
    return out;
  }

  /** The line scripts read: {@code clips=N MAE=x.xxx OBO=x.xxx}. */
  public String summary() {
    return String.format(Locale.ROOT, "clips=%d MAE=%.3f OBO=%.3f", clips.size(), mae(), obo());
  }

  public void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("report.md"), markdown(), StandardCharsets.UTF_8);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("pipeline", pipeline);
    json.put("clips", clips.size());
    json.put("mae", mae());
    json.put("obo", obo());
    json.put("namedRight", namedRight());
    onKnownExercises().ifPresent(k -> json.put("knownExercises", k.scores()));
    frameAccuracyOnKnownExercises().ifPresent(a -> json.put("frameAccuracyOnKnownExercises", a));
    Map<String, Object> perExercise = new LinkedHashMap<>();
    byExercise().forEach((e, r) -> perExercise.put(e, r.scores()));
    json.put("byExercise", perExercise);
    json.put("results", clips);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("report.json").toFile(), json);
  }

  /** Clips, MAE and OBO, as the JSON gives them for a part of the clips. */
  private Map<String, Object> scores() {
    return Map.of("clips", clips.size(), "mae", mae(), "obo", obo());
  }

  public String markdown() {
    StringBuilder b = new StringBuilder("# Evaluation\n\n");
    b.append("Pipeline: ").append(pipeline).append("\n\n");
    b.append(String.format(Locale.ROOT, "**%d clips: MAE %.3f, OBO %.3f**%n%n", clips.size(), mae(), obo()));
    b.append(String.format(Locale.ROOT, "Exercise named right (most reps counted under the labelled exercise) in %d of %d "
        + "clips.%n%n", namedRight(), clips.size()));
    onKnownExercises().ifPresent(k -> {
      b.append(String.format(Locale.ROOT, "The %d clips whose exercise the model can name: MAE %.3f, OBO %.3f.%n%n",
          k.clips().size(), k.mae(), k.obo()));
      k.frameAccuracy().ifPresent(a -> b.append(String.format(Locale.ROOT, "Frames named right by the classifier (each"
          + " frame's own label, before the counter's vote; frames without a pose count as wrong): **%.1f%%** of the %d"
          + " frames of the %d clips whose exercise the model can name.%n%n", 100 * a, k.frames(), k.clips().size())));
    });
    b.append("| clip | exercise | recognised | true reps | counted | error | frames | frames named right | wall s | note |\n");
    b.append("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
    for (ClipResult c : clips) {
      b.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %d | %+d | %d | %.1f%% | %.1f | %s |%n", c.clip(),
          c.expectedExercise(), c.recognisedExercise(), c.trueReps(), c.countedReps(), c.error(), c.frames(),
          100 * c.frameAccuracy(), c.wallSeconds(), c.problem() == null ? "" : c.problem()));
    }
    b.append("\n| exercise | clips | MAE | OBO |\n| --- | ---: | ---: | ---: |\n");
    byExercise().forEach((e, r) -> b.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f |%n", e, r.clips().size(), r.mae(), r.obo())));
    return b.toString();
  }
}
