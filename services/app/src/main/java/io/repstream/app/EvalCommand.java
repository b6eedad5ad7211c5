package io.repstream.app;

import io.repstream.common.clips.ClipLabel;
import io.repstream.common.clips.ClipLabels;
import io.repstream.common.config.InvalidConfigException;
import io.repstream.common.config.Settings;
import io.repstream.eval.EvalReport;
import io.repstream.counter.CounterConfig;
import io.repstream.eval.PipelineEvaluation;
import io.repstream.eval.Recount;
import io.repstream.eval.Relabel;
import io.repstream.eval.StarterModel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Plays labelled clips through the whole pipeline and reports how well it counted. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = {"Plays every labelled clip through the real pipeline (ingest as fast as possible -> embedded broker ->",
        "classifier -> counter) and reports per clip and overall MAE (mean |counted - true| / true) and OBO",
        "(share of clips off by at most one), with a count timeline PNG per clip.",
        "The last line on stdout is: clips=N MAE=x.xxx OBO=x.xxx"})
final class EvalCommand implements Callable<Integer> {
  @Option(names = "--clips", required = true, paramLabel = "DIR", description = "Folder of the clips.")
  Path clips;

  @Option(names = "--labels", required = true, paramLabel = "TSV",
      description = "Labels with the columns of clips.tsv (file, exercise, reps; others ignored).")
  Path labels;

  @Option(names = "--out", defaultValue = "target/eval", paramLabel = "DIR", description = "Report folder (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--model", paramLabel = "DIR|none",
      description = {"Exercise and phase model (default: the starter model in " + StarterModel.FOLDER + ", reps counted from",
          "movement and named by the model); 'none' for poses only and periodic-motion counting."})
  String model;

  @Option(names = "--fps", defaultValue = "10", description = "Frames sampled per second of clip (default: ${DEFAULT-VALUE}).")
  int fps;

  @Option(names = "--classifier", paramLabel = "KEY=VALUE",
      description = "Classifier setting to try instead of its default, e.g. --classifier classifier.pose.model=thunder (repeatable).")
  Map<String, String> classifierSettings = new java.util.LinkedHashMap<>();

  @Option(names = "--counter", paramLabel = "KEY=VALUE",
      description = "Counter setting to try instead of its default, e.g. --counter counter.periodic.min.amplitude=0.03 (repeatable).")
  Map<String, String> counterSettings = new java.util.LinkedHashMap<>();

  @Option(names = "--annotate",
      description = "Also write each clip as OUT/<clip>.annotated.mp4 with the skeleton, exercise, phase and running count drawn on it.")
  boolean annotate;

  @Option(names = "--recount", paramLabel = "DIR",
      description = {"Count the predictions an earlier eval kept (its report folder, or the predictions/ folder in it)",
          "again, without decoding or pose estimation: with the counter settings an eval with the same --model runs",
          "with, under any --counter settings; --clips is then only used to name the clips (and, with --relabel, to",
          "read their frame size)."})
  Path recount;

  @Option(names = "--relabel",
      description = {"With --recount: label the kept poses again with --model before counting, as the classifier would",
          "have (to try a new exercise model in seconds); the new predictions are kept in OUT/predictions."})
  boolean relabel;

  @Override
  public Integer call() throws Exception {
    if (relabel && recount == null) {
      throw new InvalidConfigException("--relabel labels the poses of an earlier eval again: it needs --recount DIR");
    }
    if ((recount == null || relabel) && !Files.isDirectory(clips)) {
      throw Settings.of(Map.of()).invalid("--clips", clips.toString(), "a folder of clips");
    }
    if (!Files.isRegularFile(labels)) {
      throw Settings.of(Map.of()).invalid("--labels", labels.toString(), "a labels file such as clips.tsv");
    }
    List<ClipLabel> list = ClipLabels.read(labels).stream()
        .map(l -> new ClipLabel(clips.resolve(l.video().getFileName()), l.exercise(), l.reps(), l.view(), l.groundTruth(), l.source()))
        .toList();
    Optional<Path> exerciseModel = ModelChoice.resolve(model);
    // A recount runs with the same counter settings as the eval that kept the predictions, so that without
    // --counter it reproduces its counts.
    Map<String, String> counter = ModelChoice.counterSettings(exerciseModel, counterSettings);
    EvalReport report;
    if (recount != null) {
      Path kept = Files.isDirectory(recount.resolve(PipelineEvaluation.PREDICTIONS_DIR))
          ? recount.resolve(PipelineEvaluation.PREDICTIONS_DIR) : recount;
      if (!Files.isDirectory(kept)) {
        throw Settings.of(Map.of()).invalid("--recount", recount.toString(), "the report folder of an earlier eval");
      }
      if (relabel && Files.exists(out.resolve(PipelineEvaluation.PREDICTIONS_DIR))
          && Files.isSameFile(out.resolve(PipelineEvaluation.PREDICTIONS_DIR), kept)) {
        throw Settings.of(Map.of()).invalid("--out", out.toString(), "another folder than --recount's: --relabel keeps its own predictions there");
      }
      if (relabel && exerciseModel.isEmpty()) {
        throw Settings.of(Map.of()).invalid("--model", ModelChoice.NONE, "a model to label the kept poses with (--relabel)");
      }
      Optional<Relabel> relabelling = relabel ? Optional.of(Relabel.open(exerciseModel.get(), classifierSettings)) : Optional.empty();
      try {
        report = new Recount(CounterConfig.withOverrides(counter), relabelling)
            .run(list, kept, relabelling.map(r -> out.resolve(PipelineEvaluation.PREDICTIONS_DIR)));
      } catch (NoSuchFileException e) {
        throw new InvalidConfigException("--recount " + recount + ": " + e.getReason());
      } finally {
        relabelling.ifPresent(Relabel::close);
      }
    } else {
      report = new PipelineEvaluation().run(list, new PipelineEvaluation.Options(exerciseModel, fps, out, classifierSettings,
          counter, annotate), System.err);
    }
    report.write(out);
    System.out.print(report.markdown());
    System.out.println("Report: " + out.resolve("report.md") + ", " + out.resolve("report.json") + ", timelines *.png");
    System.out.println(report.summary());
    return 0;
  }
}
