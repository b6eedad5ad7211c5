package io.repstream.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.repstream.common.clips.ClipLabel;
import io.repstream.common.clips.ClipLabels;
import io.repstream.counter.CounterConfig;
import io.repstream.schemas.Prediction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Every development clip of clips.tsv through the real pipeline, as `repstream eval` runs it. */
class PipelineEvaluationIT {
  private static final double TARGET_MAE = 0.2;
  private static final double TARGET_OBO = 0.8;
  /** The target for exercise naming on the development clips of catalogue exercises, frame by frame. */
  private static final double TARGET_FRAME_ACCURACY = 0.9;

  @Test
  void evaluatesEveryDevelopmentClip() throws Exception {
    Path clips = ClipLabels.developmentClipsDir().orElse(null);
    Assumptions.assumeTrue(clips != null, ClipLabels.whyNoDevelopmentClips());
    List<ClipLabel> labels = ClipLabels.read(clips.resolve(ClipLabels.LABELS_FILE));
    Path out = Path.of("target", "eval");

    // As `repstream eval` runs by default: the shipped starter model names the exercises, reps are counted from movement.
    Optional<Path> model = StarterModel.find();
    assertThat(model).as("the starter model in the checkout's " + StarterModel.FOLDER).isPresent();
    Map<String, String> counter = StarterModel.COUNTER_SETTINGS;
    Set<Path> scratchBefore = evalScratchFolders();
    EvalReport report = new PipelineEvaluation().run(labels, new PipelineEvaluation.Options(model, 10, out, Map.of(), counter, false), System.out);
    report.write(out);
    assertThat(evalScratchFolders()).as("the evaluation's broker and stream state, left behind").isEqualTo(scratchBefore);

    assertThat(report.clips()).hasSize(labels.size());
    assertThat(report.clips()).allSatisfy(c -> {
      assertThat(c.problem()).as(c.clip()).isNull();
      assertThat(c.frames()).as(c.clip()).isPositive();
      assertThat(out.resolve(ClipLabels.participantId(Path.of(c.clip())) + ".png")).exists();
    });
    long named = report.clips().stream().filter(c -> c.recognisedExercise().equals(c.expectedExercise())).count();
    assertThat(named).as("clips whose exercise the starter model named").isGreaterThanOrEqualTo(labels.size() / 2);
    // The starter model learnt these clips (from lightning's poses; the pipeline runs thunder), so this is no measure of
    // generalisation: it holds the classifier to the labels the trainer taught, frame by frame. 97.0% with version 4.
    assertThat(report.frameAccuracyOnKnownExercises()).as("frames of in-catalogue clips named right").isPresent();
    assertThat(report.frameAccuracyOnKnownExercises().getAsDouble()).as("frames of in-catalogue clips named right")
        .isGreaterThanOrEqualTo(TARGET_FRAME_ACCURACY);
    // The first targets for the development clips. The poses are repeatable, so a drop below them is a change
    // in the pipeline, not noise; the run that set thunder as the default measured MAE 0.146, OBO 0.833, and with the
    // counter's presence minimum at the classifier's 0.25, MAE 0.125, OBO 0.833.
    assertThat(report.mae()).as("MAE over the development clips").isLessThanOrEqualTo(TARGET_MAE);
    assertThat(report.obo()).as("OBO over the development clips").isGreaterThanOrEqualTo(TARGET_OBO);
    assertThat(report.summary()).matches("clips=" + labels.size() + " MAE=\\d+\\.\\d{3} OBO=\\d+\\.\\d{3}");
    assertThat(Files.readString(out.resolve("report.md"))).contains("MAE").contains(labels.get(0).video().getFileName().toString());
    // Counting the kept predictions again offline gives exactly what the live topology counted: the counting
    // logic and its stored form do not depend on timing, so `eval --recount` can be trusted to try settings.
    EvalReport recount = new Recount(CounterConfig.withOverrides(counter)).run(labels, out.resolve(PipelineEvaluation.PREDICTIONS_DIR));
    for (int i = 0; i < labels.size(); i++) {
      assertThat(recount.clips().get(i).countedReps()).as(recount.clips().get(i).clip())
          .isEqualTo(report.clips().get(i).countedReps());
    }
    // The phase target, a phase signal the counter can count from: counted from the starter model's phases
    // instead of motion, the clips whose exercise it can name meet the counter's targets (MAE 0.116, 13 of 15 within
    // one rep when written; motion: 0.056, 14 of 15). The other clips show exercises the model cannot name.
    Map<String, String> fromPhases = new HashMap<>(counter);
    fromPhases.put("counter.reps.from", "phases");
    EvalReport phases = new Recount(CounterConfig.withOverrides(fromPhases)).run(labels, out.resolve(PipelineEvaluation.PREDICTIONS_DIR));
    Optional<EvalReport> phasesOnKnown = new EvalReport(phases.clips(), phases.pipeline(), EvalReport.exercisesOf(model.get()))
        .onKnownExercises();
    assertThat(phasesOnKnown).as("clips of exercises the starter model can name").isPresent();
    assertThat(phasesOnKnown.get().mae()).as("MAE counting from phases, known exercises").isLessThanOrEqualTo(TARGET_MAE);
    assertThat(phasesOnKnown.get().obo()).as("OBO counting from phases, known exercises").isGreaterThanOrEqualTo(TARGET_OBO);
    System.out.println("From the starter's phases, " + phasesOnKnown.get().clips().size() + " clips of known exercises: "
        + phasesOnKnown.get().summary());
    // Labelling the kept poses again with the same model gives every frame the classifier's own labels, so
    // `eval --recount --relabel` can be trusted to try another model.
    try (Relabel relabel = Relabel.open(model.get(), Map.of())) {
      for (ClipLabel label : labels) {
        Path kept = PredictionArchive.fileFor(out.resolve(PipelineEvaluation.PREDICTIONS_DIR), ClipLabels.participantId(label.video()));
        List<Prediction> live = PredictionArchive.read(kept);
        List<Prediction> again = relabel.relabel(live, label.video());
        assertThat(again).as(label.video().getFileName().toString()).hasSameSizeAs(live);
        for (int i = 0; i < live.size(); i++) {
          assertThat(again.get(i).getExercise()).as(kept + " frame " + i).isEqualTo(live.get(i).getExercise());
          assertThat(again.get(i).getPhase()).as(kept + " frame " + i).isEqualTo(live.get(i).getPhase());
        }
      }
    }
    System.out.println(report.summary());
  }

  private static Set<Path> evalScratchFolders() throws java.io.IOException {
    try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files.filter(f -> f.getFileName().toString().startsWith("repstream-eval-")).collect(Collectors.toSet());
    }
  }
}
