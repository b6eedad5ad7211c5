package io.repstream.eval.bench;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.repstream.common.files.ScratchFolder;
import io.repstream.common.kafka.Topic;
import io.repstream.eval.LocalPipeline;
import io.repstream.vision.bench.BenchClock;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code repstream bench e2e}: N simulated live students (real clips played at real time, one after another)
 * through ingest, an embedded broker, the classifier and the counter in this JVM, exactly as the demo runs them.
 * After a warm-up it measures, over a window: frames per second through the classifier, the latency from a
 * frame's capture to the participant status that reflects it (as a read_committed reader sees it), consumer lag
 * over time, CPU and allocation per service, peak heap and RSS, JPEG size, and the classifier's time per stage.
 * With {@code findMax} it adds students step by step until the pipeline stops keeping up.
 */
public final class E2eBench {
  static final String THREAD_PREFIX = "e2e-bench-";
  /** Lag may grow by at most this share of the offered frame rate and still count as keeping up (noise). */
  static final double LAG_GROWTH_TOLERANCE = 0.02;
  /** Share of the frames ingest should publish (N x fps); clip changes cost a few frames each. */
  static final double MIN_INGEST_SHARE = 0.9;
  /** Share of published frames the classifier must turn into predictions within the window. */
  static final double MIN_PREDICTED_SHARE = 0.95;
  private static final Duration TICK = Duration.ofSeconds(1);
  private static final int PROGRESS_EVERY_TICKS = 5;
  private static final String COUNTER_GROUP = "counter.application.id";
  private static final String CLASSIFIER_GROUP = "classifier.group.id";
  private static final double NANOS_PER_MILLI = 1e6;
  private static final double BYTES_PER_KIB = 1024.0;
  private static final double BYTES_PER_MIB = BYTES_PER_KIB * BYTES_PER_KIB;
  private static final double P50 = 0.50;
  private static final double P95 = 0.95;
  private static final double P99 = 0.99;

  /**
   * @param warmUp time before each window, for the pipeline to settle at a new number of students
   * @param jitWarmUp more time before the first window only: a fresh JVM's JIT compilers take most of a core for
   *     the first minute (the broker, clients and Streams are a lot of code), which a long-running service has
   *     long paid off
   * @param settings service settings to override, e.g. {@code classifier.pose.model=thunder} (routed by prefix)
   * @param step students added per step in find-max mode
   */
  public record Options(int participants, int fps, Duration warmUp, Duration jitWarmUp, Duration window, List<Path> clips,
      Map<String, String> settings, boolean findMax, int step, int maxParticipants) {}

  /** One measured window. */
  public record Result(int participants, int fps, boolean sustained, double framesPerSecond, double offeredPerSecond,
      long p50Millis, long p95Millis, long p99Millis, String why) {
    public String summary() {
      return String.format(Locale.ROOT, "e2e participants=%d fps=%d sustained=%s p50_ms=%d p95_ms=%d p99_ms=%d",
          participants, fps, sustained, p50Millis, p95Millis, p99Millis);
    }
  }

  private E2eBench() {}

  /** Runs the benchmark, printing progress and a report; the last line printed is the summary. */
  public static Result run(Options o, PrintStream out) throws Exception {
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Map<String, String> ingest = new LinkedHashMap<>();
    Map<String, String> classifier = new LinkedHashMap<>();
    Map<String, String> counter = new LinkedHashMap<>();
    ingest.put("ingest.file.pacing", "realtime");
    ingest.put("ingest.sample.fps", Integer.toString(o.fps()));
    o.settings().forEach((k, v) -> (k.startsWith("ingest.") ? ingest : k.startsWith("counter.") ? counter : classifier).put(k, v));
    out.printf(Locale.ROOT, "# e2e: %d clips, %d fps per student, warm-up %ds (+%ds JIT before the first window), window %ds, "
        + "settings %s; %d cores, load %s%n",
        o.clips().size(), o.fps(), o.warmUp().toSeconds(), o.jitWarmUp().toSeconds(), o.window().toSeconds(), o.settings(),
        Runtime.getRuntime().availableProcessors(), loadAverage());
    long t0 = System.nanoTime();
    // Declared first, so deleted last: after the pipeline that writes there has stopped.
    try (ScratchFolder work = ScratchFolder.create("repstream-e2e-");
        LocalPipeline pipeline = LocalPipeline.start(LocalPipeline.Options.embedded(work.path())
        .withIngest(ingest).withClassifier(classifier).withCounter(counter), metrics);
        PipelineProbe probe = new PipelineProbe(pipeline.bootstrapServers(), pipeline.topics());
        ConsumerLag lag = new ConsumerLag(pipeline.bootstrapServers())) {
      out.printf(Locale.ROOT, "# pipeline up in %.1f s%n", (System.nanoTime() - t0) / 1e9);
      Run run = new Run(o, out, pipeline, probe, lag, metrics,
          classifier.getOrDefault(CLASSIFIER_GROUP, "repstream-classifier"),
          counter.getOrDefault(COUNTER_GROUP, "repstream-counter"));
      Result best = null;
      for (int n = o.participants(); ; n += o.step()) {
        Result r = run.measure(n);
        if (r.sustained() || best == null) {
          best = r;
        }
        if (!o.findMax() || !r.sustained() || n + o.step() > o.maxParticipants()) {
          if (o.findMax()) {
            out.printf(Locale.ROOT, "# largest N that keeps up: %s%n", best.sustained() ? Integer.toString(best.participants()) : "none");
          }
          break;
        }
      }
      out.println(best.summary());
      return best;
    }
  }

  /** One pipeline measured at growing numbers of students. */
  private static final class Run {
    private final Options o;
    private final PrintStream out;
    private final LocalPipeline pipeline;
    private final PipelineProbe probe;
    private final ConsumerLag lag;
    private final PrometheusMeterRegistry metrics;
    private final String classifierGroup;
    private final String counterGroup;
    private final LiveStudents students;
    private final ServiceCpu cpu = new ServiceCpu();
    private int measured;

    Run(Options o, PrintStream out, LocalPipeline pipeline, PipelineProbe probe, ConsumerLag lag,
        PrometheusMeterRegistry metrics, String classifierGroup, String counterGroup) {
      this.o = o;
      this.out = out;
      this.pipeline = pipeline;
      this.probe = probe;
      this.lag = lag;
      this.metrics = metrics;
      this.classifierGroup = classifierGroup;
      this.counterGroup = counterGroup;
      this.students = new LiveStudents(pipeline.ingest(), o.clips());
    }

    Result measure(int n) throws Exception {
      students.growTo(n);
      Duration warmUp = measured == 0 ? o.warmUp().plus(o.jitWarmUp()) : o.warmUp();
      out.printf(Locale.ROOT, "# %d students: warming up %d s%n", n, warmUp.toSeconds());
      for (long t = 0; t < warmUp.toMillis(); t += TICK.toMillis()) {
        tick();
      }
      measured++;
      Map<String, double[]> stagesBefore = classifierStages();
      double skippedBefore = skipped();
      long droppedBefore = students.framesDropped();
      List<double[]> lagSeries = new ArrayList<>();
      probe.reset();
      cpu.reset();
      List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP).toList();
      heap.forEach(MemoryPoolMXBean::resetPeakUsage);
      long start = System.nanoTime();
      int ticks = 0;
      while (System.nanoTime() - start < o.window().toNanos()) {
        tick();
        double seconds = (System.nanoTime() - start) / 1e9;
        long framesLag = lag.of(classifierGroup, pipeline.topics().name(Topic.FRAMES));
        long predictionsLag = lag.of(counterGroup, pipeline.topics().name(Topic.PREDICTIONS));
        lagSeries.add(new double[] {seconds, framesLag + predictionsLag});
        if (++ticks % PROGRESS_EVERY_TICKS == 0) {
          PipelineProbe.Window w = probe.window();
          out.printf(Locale.ROOT, "  t=%3.0fs in %.1f/s out %.1f/s lag frames %d predictions %d status p95 %d ms%n", seconds,
              w.jpegBytes.size() / seconds, w.predictions / seconds, framesLag, predictionsLag,
              PipelineProbe.percentile(w.captureToStatus, P95));
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      Map<String, Double> cores = cpu.cores();
      Map<String, Double> allocation = cpu.allocationRates();
      long heapPeak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
      PipelineProbe.Window w = probe.window();
      double offered = (double) n * o.fps();
      double in = w.jpegBytes.size() / seconds;
      double through = w.predictions / seconds;
      double slope = slope(lagSeries);
      double skippedFrames = skipped() - skippedBefore;
      long dropped = students.framesDropped() - droppedBefore;
      List<String> why = new ArrayList<>();
      if (in < MIN_INGEST_SHARE * offered) {
        why.add(String.format(Locale.ROOT, "ingest published %.1f of %.0f frames/s", in, offered));
      }
      if (through < MIN_PREDICTED_SHARE * in) {
        why.add(String.format(Locale.ROOT, "classifier predicted %.1f of %.1f frames/s", through, in));
      }
      if (slope > LAG_GROWTH_TOLERANCE * offered) {
        why.add(String.format(Locale.ROOT, "lag grew by %.1f records/s", slope));
      }
      if (skippedFrames + dropped > (1 - MIN_PREDICTED_SHARE) * in * seconds) {
        why.add(String.format(Locale.ROOT, "%.0f frames skipped as too old, %d dropped by ingest", skippedFrames, dropped));
      }
      Result r = new Result(n, o.fps(), why.isEmpty(), through, offered, PipelineProbe.percentile(w.captureToStatus, P50),
          PipelineProbe.percentile(w.captureToStatus, P95), PipelineProbe.percentile(w.captureToStatus, P99), String.join("; ", why));

      out.printf(Locale.ROOT, "## %d students x %d fps over %.0f s (load %s)%n", n, o.fps(), seconds, loadAverage());
      out.printf(Locale.ROOT, "frames/s: offered %.0f, published %.1f, predicted %.1f; lag growth %.2f records/s; skipped %.0f, dropped %d; "
          + "streams started %d, dead %d%n", offered, in, through, slope, skippedFrames, dropped, students.streamsStarted(), students.streamsDead());
      out.printf(Locale.ROOT, "latency ms (p50/p95/p99): capture->ingest %d/%d/%d, capture->prediction %d/%d/%d, "
          + "capture->status %d/%d/%d (%d statuses), prediction->status %d/%d/%d%n",
          PipelineProbe.percentile(w.captureToIngest, P50), PipelineProbe.percentile(w.captureToIngest, P95), PipelineProbe.percentile(w.captureToIngest, P99),
          PipelineProbe.percentile(w.captureToPrediction, P50), PipelineProbe.percentile(w.captureToPrediction, P95),
          PipelineProbe.percentile(w.captureToPrediction, P99), r.p50Millis(), r.p95Millis(), r.p99Millis(), w.captureToStatus.size(),
          PipelineProbe.percentile(w.predictionToStatus, P50), PipelineProbe.percentile(w.predictionToStatus, P95),
          PipelineProbe.percentile(w.predictionToStatus, P99));
      out.printf(Locale.ROOT, "jpeg: %.0f bytes per frame (mean)%n", PipelineProbe.mean(w.jpegBytes));
      StringBuilder topics = new StringBuilder();
      w.recordBytes.forEach((topic, v) -> topics.append(topics.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT,
          "%s %.0f B x %.1f/s = %.1f KiB/s", topic, (double) v[0] / v[1], v[1] / seconds, v[0] / seconds / BYTES_PER_KIB)));
      out.printf(Locale.ROOT, "records: %s%n", topics);
      out.printf(Locale.ROOT, "cpu cores: %s; total %.2f%n", ServiceCpu.format(cores, "", 1),
          cores.values().stream().mapToDouble(Double::doubleValue).sum());
      out.printf(Locale.ROOT, "cpu ms per frame: %s%n", ServiceCpu.format(perFrame(cores, through), "", 1));
      out.printf(Locale.ROOT, "allocation MiB/s: %s%n", ServiceCpu.format(allocation, "", BYTES_PER_MIB));
      out.printf(Locale.ROOT, "memory: heap peak %.0f MiB, RSS peak %s MiB (whole JVM)%n", heapPeak / BYTES_PER_MIB, rssPeakMiB());
      out.printf(Locale.ROOT, "classifier ms per frame: %s%n", stagesPerFrame(stagesBefore, classifierStages(), w.predictions));
      out.printf(Locale.ROOT, "sustained=%s%s%n", r.sustained(), r.sustained() ? "" : " (" + r.why() + ")");
      return r;
    }

    private void tick() throws InterruptedException {
      students.keepPlaying();
      cpu.sample();
      Thread.sleep(TICK.toMillis());
    }

    private double skipped() {
      var c = metrics.find("repstream_classifier_frames_skipped").counter();
      return c == null ? 0 : c.count();
    }

    private Map<String, double[]> classifierStages() {
      Map<String, double[]> stages = new LinkedHashMap<>();
      for (Timer t : metrics.find("repstream_classifier_stage_seconds").timers()) {
        stages.put(t.getId().getTag("stage"), new double[] {t.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS), t.count()});
      }
      return stages;
    }

    /** Each stage's time per frame: stage timers run once per batch, so divide by frames predicted, not by calls. */
    private String stagesPerFrame(Map<String, double[]> before, Map<String, double[]> after, double frames) {
      StringBuilder b = new StringBuilder();
      after.forEach((stage, v) -> {
        double[] was = before.getOrDefault(stage, new double[2]);
        b.append(b.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.1f", stage,
            frames == 0 ? 0 : (v[0] - was[0]) / NANOS_PER_MILLI / frames));
      });
      double batches = after.getOrDefault("pose", new double[2])[1] - before.getOrDefault("pose", new double[2])[1];
      return b.append(String.format(Locale.ROOT, "; %.1f frames per batch", batches == 0 ? 0 : frames / batches)).toString();
    }
  }

  private static Map<String, Double> perFrame(Map<String, Double> cores, double framesPerSecond) {
    Map<String, Double> out = new LinkedHashMap<>();
    cores.forEach((k, v) -> out.put(k, framesPerSecond == 0 ? 0 : v * 1000 / framesPerSecond));
    return out;
  }

  /** Least-squares slope of y over x. */
  static double slope(List<double[]> points) {
    int n = points.size();
    if (n < 2) {
      return 0;
    }
    double sx = 0;
    double sy = 0;
    for (double[] p : points) {
      sx += p[0];
      sy += p[1];
    }
    double mx = sx / n;
    double my = sy / n;
    double num = 0;
    double den = 0;
    for (double[] p : points) {
      num += (p[0] - mx) * (p[1] - my);
      den += (p[0] - mx) * (p[0] - mx);
    }
    return den == 0 ? 0 : num / den;
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return String.format(Locale.ROOT, "%.2f", BenchClock.loadAverage());
    }
  }

  private static String rssPeakMiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.toString(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // Not Linux: no RSS figure.
    }
    return "n/a";
  }

}
