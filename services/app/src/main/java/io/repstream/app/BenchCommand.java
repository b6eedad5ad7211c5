package io.repstream.app;

import ai.djl.Device;
import io.repstream.broker.EmbeddedKafkaBroker;
import io.repstream.classifier.ClassifierConfig;
import io.repstream.classifier.ClassifyBenchmark;
import io.repstream.common.config.KafkaSettings;
import io.repstream.counter.CounterConfig;
import io.repstream.counter.bench.CountBench;
import io.repstream.eval.bench.E2eBench;
import io.repstream.ingest.bench.IngestBench;
import io.repstream.vision.bench.PoseBenchmark;
import io.repstream.vision.pose.MoveNetModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** The benchmarks that back the figures in docs/benchmarks.md, each beside its peer where one exists. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measures speed and cost; figures go to docs/benchmarks.md.",
    subcommands = {BenchCommand.Pose.class, BenchCommand.Classify.class, IngestBench.class, BenchCommand.Count.class,
        BenchCommand.E2e.class})
final class BenchCommand implements Runnable {
  /** Where the development clips sit beside a checkout. */
  static final Path DEFAULT_CLIPS = Path.of("..", "shared", "data", "clips");

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }

  /** Which pose models and batch sizes a benchmark times, and on which device. */
  static final class PoseGrid {
    @Spec(Spec.Target.MIXEE) CommandSpec command;

    @Option(names = "--models", split = ",", paramLabel = "MODEL",
        description = "Pose models to time (default: lightning,thunder,multipose).")
    List<String> models = List.of("lightning", "thunder", "multipose");

    @Option(names = "--batches", split = ",", paramLabel = "N", description = "Batch sizes (default: 1,8,32).")
    List<Integer> batches = List.of(1, 8, 32);

    @Option(names = "--device", paramLabel = "DEVICE",
        description = "Where the models run, as classifier.device: cpu, gpu or gpu:N (default: cpu).")
    String device = "cpu";

    Device device() {
      try {
        return ClassifierConfig.device(device.trim());
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(command.commandLine(), "--device " + device + ": expected " + e.getMessage());
      }
    }

    List<MoveNetModel> models() {
      try {
        return models.stream().map(MoveNetModel::parse).toList();
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(command.commandLine(), "--models: " + e.getMessage());
      }
    }
  }

  @Command(name = "pose", mixinStandardHelpOptions = true,
      description = {"Pose estimation: ms per image at batch 1, 8 and 32 for each MoveNet model, beside the same",
          "models in TF.js with the WebAssembly backend (Node) on the same frames."})
  static final class Pose implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--clips", description = "Folder of the development clips (default: ../shared/data/clips).")
    Path clips = DEFAULT_CLIPS;

    @Option(names = "--peer", description = "Folder of the TF.js peer (default: services/vision/src/test/node); 'none' skips it.")
    String peer = "services/vision/src/test/node";

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N",
        description = "PyTorch intra-op threads, as classifier.pose.threads (default: ${DEFAULT-VALUE}, PyTorch's own:"
            + " one per core). The peer always runs on one thread.")
    int threads;

    @Mixin PoseGrid grid;

    @Override
    public Integer call() {
      Path peerDir = peer.equals("none") || !Files.isDirectory(Path.of(peer)) ? null : Path.of(peer);
      PoseBenchmark.Options defaults = PoseBenchmark.Options.defaults(clips, peerDir);
      PoseBenchmark.Options options;
      try {
        options = new PoseBenchmark.Options(clips, peerDir, grid.models(), grid.batches, defaults.rounds(),
            grid.device(), threads);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
      PoseBenchmark.run(options, System.out);
      return 0;
    }
  }

  @Command(name = "classify", mixinStandardHelpOptions = true,
      description = {"Classifier batch path on JPEG frames of real clips: frames/s and ms per frame by stage (JPEG decode,",
          "pose, exercise model) for each pose model at batch 1, 8 and 32. No peer for the whole path; the pose",
          "stage's peer is in 'bench pose'."})
  static final class Classify implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--clips", description = "Folder of the development clips (default: ../shared/data/clips).")
    Path clips = DEFAULT_CLIPS;

    @Option(names = "--exercise-model", paramLabel = "DIR",
        description = "Exercise and phase model folder (from repstream train); without it, poses only.")
    Path exerciseModel;

    @Mixin PoseGrid grid;

    @Option(names = "--rounds", defaultValue = "3", description = "Timed rounds per figure; the median is reported (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Override
    public Integer call() {
      ClassifyBenchmark.Options defaults = ClassifyBenchmark.Options.defaults(clips, Optional.ofNullable(exerciseModel));
      ClassifyBenchmark.Options options;
      try {
        options = new ClassifyBenchmark.Options(clips, defaults.exerciseModel(), grid.models(), grid.batches, rounds,
            grid.device());
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
      ClassifyBenchmark.run(options, System.out);
      return 0;
    }
  }

  @Command(name = "count", mixinStandardHelpOptions = true,
      description = {"Counting: predictions per second one stream thread sustains with exactly-once, and the latency",
          "it adds (p50/p99), beside the same run with at-least-once."})
  static final class Count implements Callable<Integer> {
    @Option(names = "--participants", defaultValue = "40", description = "Simulated students (default: ${DEFAULT-VALUE}).")
    int participants;

    @Option(names = "--backlog", defaultValue = "90", description = "Seconds of predictions per student drained at full speed (default: ${DEFAULT-VALUE}).")
    int backlogSeconds;

    @Option(names = "--live", defaultValue = "20", description = "Seconds streamed live for latency (default: ${DEFAULT-VALUE}).")
    int liveSeconds;

    @Option(names = "--broker", paramLabel = "HOST:PORT", description = "Kafka to use (default: an embedded broker in this JVM).")
    String broker;

    @Override
    public Integer call() throws Exception {
      EmbeddedKafkaBroker embedded = broker == null ? EmbeddedKafkaBroker.startDefault() : null;
      try {
        String servers = broker != null ? broker : embedded.bootstrapServers();
        CountBench.run(CounterConfig.withOverrides(Map.of(KafkaSettings.BOOTSTRAP_SERVERS, servers)),
            new CountBench.Options(participants, Duration.ofSeconds(backlogSeconds), Duration.ofSeconds(liveSeconds)), System.out);
        return 0;
      } finally {
        if (embedded != null) {
          embedded.close();
        }
      }
    }
  }

  @Command(name = "e2e", mixinStandardHelpOptions = true,
      description = {"End to end: N simulated live students (real clips played at real time) through ingest, an",
          "embedded broker, the classifier and the counter in this JVM. Reports frames/s, whether the pipeline keeps up,",
          "capture-to-status latency, CPU per service, memory, JPEG size and time per stage. Last line:",
          "e2e participants=N fps=F sustained=true|false p50_ms=X p95_ms=Y p99_ms=Z"})
  static final class E2e implements Callable<Integer> {
    @Option(names = "--participants", defaultValue = "8", description = "Students (in --find-max: the first step) (default: ${DEFAULT-VALUE}).")
    int participants;

    @Option(names = "--fps", defaultValue = "5", description = "Frames sampled per second per student (default: ${DEFAULT-VALUE}).")
    int fps;

    @Option(names = "--seconds", defaultValue = "60", description = "Measured window per step (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warm-up", defaultValue = "15", description = "Seconds before each window (default: ${DEFAULT-VALUE}).")
    int warmUp;

    @Option(names = "--jit-warm-up", defaultValue = "45", description = "More seconds before the first window, while "
        + "the JIT compiles the pipeline's code (default: ${DEFAULT-VALUE}).")
    int jitWarmUp;

    @Option(names = "--clips", description = "Folder of videos the students play in turn (default: ../shared/data/clips).")
    Path clips = DEFAULT_CLIPS;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a service setting, e.g. classifier.pose.model=thunder, ingest.jpeg.quality=70 (repeatable).")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--find-max", description = "Add --step students after each window that keeps up, until one does not.")
    boolean findMax;

    @Option(names = "--step", defaultValue = "2", description = "Students added per step with --find-max (default: ${DEFAULT-VALUE}).")
    int step;

    @Option(names = "--max-participants", defaultValue = "64", description = "Upper bound for --find-max (default: ${DEFAULT-VALUE}).")
    int maxParticipants;

    @Override
    public Integer call() throws Exception {
      if (participants < 1 || fps < 1 || seconds < 1 || warmUp < 0 || jitWarmUp < 0 || step < 1) {
        throw new CommandLine.ParameterException(new CommandLine(this),
            "--participants, --fps, --seconds and --step must be at least 1, --warm-up and --jit-warm-up at least 0");
      }
      List<Path> videos = videos(clips);
      E2eBench.Result r = E2eBench.run(new E2eBench.Options(participants, fps, Duration.ofSeconds(warmUp),
          Duration.ofSeconds(jitWarmUp), Duration.ofSeconds(seconds), videos, settings, findMax, step, maxParticipants), System.out);
      return r.framesPerSecond() > 0 ? 0 : 1;
    }

    private List<Path> videos(Path dir) throws IOException {
      if (!Files.isDirectory(dir)) {
        throw new CommandLine.ParameterException(new CommandLine(this), "--clips " + dir + " is not a folder of videos");
      }
      try (var files = Files.list(dir)) {
        List<Path> found = files.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".mp4")).sorted().toList();
        if (found.isEmpty()) {
          throw new CommandLine.ParameterException(new CommandLine(this), "--clips " + dir + " holds no .mp4 files");
        }
        return found;
      }
    }
  }
}
