package io.repstream.app;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.repstream.common.clips.ClipLabels;
import io.repstream.common.config.KafkaSettings;
import io.repstream.common.config.Settings;
import io.repstream.common.files.ScratchFolder;
import io.repstream.dashboard.DashboardConfig;
import io.repstream.dashboard.DashboardServer;
import io.repstream.eval.LocalPipeline;
import io.repstream.eval.StarterModel;
import io.repstream.synth.SequenceGenerator;
import io.repstream.synth.SynthOptions;
import io.repstream.synth.motion.Exercise;
import io.repstream.synth.motion.SetPlan;
import io.repstream.synth.motion.WorkoutScript;
import io.repstream.synth.output.VideoRenderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The whole product in one JVM: an embedded broker (or an existing cluster), ingest playing videos as live
 * streams, the classifier, the counter and the dashboard, until Ctrl-C.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Runs every RepStream service in this JVM and serves the dashboard: participants come from",
        "--videos DIR (each video file played at real time and looped, as a live stream that never ends) or,",
        "without it, from synthetic mannequin workouts rendered at start (looped too). Prints the dashboard address",
        "and token."})
final class DemoCommand implements Callable<Integer> {
  static final String CLASS_ID = "demo";
  private static final List<String> VIDEO_SUFFIXES = List.of(".mp4", ".mov", ".mkv", ".webm", ".avi");
  /** Enough students to fill a row of tiles, few enough for two CPU cores to keep up. */
  private static final int SYNTHETIC_PARTICIPANTS = 3;
  private static final int SYNTHETIC_REPS_PER_SET = 10;
  private static final int TOKEN_BYTES = 16;

  @Option(names = "--videos", paramLabel = "DIR", description = "Folder of exercise videos, one participant each.")
  Path videos;

  @Option(names = "--max-participants", defaultValue = "4",
      description = "Most videos to play at once (default: ${DEFAULT-VALUE}); each costs pose estimation at the sample rate.")
  int maxParticipants;

  @Option(names = "--broker", paramLabel = "HOST:PORT", description = "Use this Kafka cluster instead of an embedded broker.")
  String broker;

  @Option(names = "--port", defaultValue = "8080", description = "Dashboard port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--fps", defaultValue = "5", description = "Frames sampled per second per participant (default: ${DEFAULT-VALUE}).")
  int fps;

  @Option(names = "--model", paramLabel = "DIR|none",
      description = {"Exercise and phase model folder from repstream train (default: the starter model in " + StarterModel.FOLDER
          + ");", "'none' for poses only and periodic-motion counts."})
  String model;

  @Option(names = "--classifier", paramLabel = "KEY=VALUE",
      description = {"Classifier setting instead of its default (repeatable), e.g. --classifier classifier.pose.model=lightning",
          "on a machine with too few cores for thunder at this many participants (docs/capacity.md)."})
  Map<String, String> classifierSettings = new java.util.LinkedHashMap<>();

  @Override
  public Integer call() throws Exception {
    Optional<Path> exerciseModel = ModelChoice.resolve(model);
    ScratchFolder scratch = ScratchFolder.create("repstream-demo-");
    Path work = scratch.path();
    List<AutoCloseable> running = new ArrayList<>();
    // The broker's log and the rendered videos go once everything that writes there has stopped.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stopAll(running);
      scratch.close();
    }, "demo-shutdown"));
    List<Path> clips = videos != null ? videoFiles(videos) : synthesise(work.resolve("videos"));

    Path roster = work.resolve("roster.json");
    Files.writeString(roster, roster(clips), StandardCharsets.UTF_8);
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    LocalPipeline pipeline = LocalPipeline.start(LocalPipeline.Options.embedded(work).withBroker(broker)
        .withClassifier(Map.of("classifier.exercise.model", exerciseModel.map(Path::toString).orElse("")))
        .withClassifier(classifierSettings)
        .withCounter(ModelChoice.counterSettings(exerciseModel, Map.of()))
        .withIngest(Map.of("ingest.file.pacing", "loop",
            "ingest.sample.fps", Integer.toString(fps),
            "ingest.roster.file", roster.toString())), metrics);
    running.add(pipeline);
    String bootstrap = pipeline.bootstrapServers();

    byte[] secret = new byte[TOKEN_BYTES];
    new SecureRandom().nextBytes(secret);
    String token = HexFormat.of().formatHex(secret);
    DashboardServer dashboard = new DashboardServer(DashboardConfig.from(Settings.load(DashboardConfig.DEFAULTS, null, Map.of())
        .with(KafkaSettings.BOOTSTRAP_SERVERS, bootstrap)
        .with("dashboard.http.host", "127.0.0.1")
        .with("dashboard.http.port", Integer.toString(port))
        .with("dashboard.tokens", CLASS_ID + "=" + token)), metrics).start();
    running.add(0, dashboard);

    System.out.println();
    System.out.println("RepStream demo: " + clips.size() + " participants, Kafka at " + bootstrap);
    System.out.println("Dashboard: http://localhost:" + dashboard.port() + "/classes/" + CLASS_ID + "?token=" + token);
    System.out.println("Stop with Ctrl-C.");
    Thread.currentThread().join();
    return 0;
  }

  private List<Path> videoFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw Settings.of(Map.of()).invalid("--videos", dir.toString(), "a folder of video files");
    }
    try (var files = Files.list(dir)) {
      List<Path> found = files.filter(f -> VIDEO_SUFFIXES.stream().anyMatch(s -> f.getFileName().toString()
          .toLowerCase(Locale.ROOT).endsWith(s))).sorted().limit(maxParticipants).toList();
      if (found.isEmpty()) {
        throw Settings.of(Map.of()).invalid("--videos", dir.toString(), "a folder holding .mp4, .mov, .mkv, .webm or .avi files");
      }
      return found;
    }
  }

  /** Mannequins doing different exercises, rendered once; a few minutes each. */
  private static List<Path> synthesise(Path dir) throws IOException {
    Files.createDirectories(dir);
    List<Exercise> exercises = List.of(Exercise.SQUAT, Exercise.JUMPING_JACK, Exercise.BICEPS_CURL);
    SequenceGenerator generator = new SequenceGenerator();
    List<Path> out = new ArrayList<>();
    System.err.println("Rendering " + SYNTHETIC_PARTICIPANTS + " synthetic participants...");
    for (int i = 0; i < SYNTHETIC_PARTICIPANTS; i++) {
      Exercise e = exercises.get(i % exercises.size());
      WorkoutScript script = new WorkoutScript(List.of(SetPlan.reps(e, SYNTHETIC_REPS_PER_SET),
          SetPlan.seconds(Exercise.STANDING, 5), SetPlan.reps(e, SYNTHETIC_REPS_PER_SET)));
      Path file = dir.resolve(String.format("mannequin-%d-%s.mp4", i + 1, e.label()));
      VideoRenderer.write(generator.generate(SynthOptions.of(script, 1000L + i)), file);
      out.add(file);
    }
    return out;
  }

  static String roster(List<Path> clips) {
    StringBuilder b = new StringBuilder("{\"streams\": [\n");
    for (int i = 0; i < clips.size(); i++) {
      String name = ClipLabels.participantId(clips.get(i));
      b.append(String.format("  {\"streamId\": \"%s\", \"classId\": \"%s\", \"participantId\": \"%s\", \"url\": \"%s\"}%s%n",
          name, CLASS_ID, name, clips.get(i).toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\""),
          i + 1 < clips.size() ? "," : ""));
    }
    return b.append("]}\n").toString();
  }

  private static void stopAll(List<AutoCloseable> running) {
    for (AutoCloseable c : running) {
      try {
        c.close();
      } catch (Exception e) {
        System.err.println("demo: error while stopping: " + e);
      }
    }
  }
}
