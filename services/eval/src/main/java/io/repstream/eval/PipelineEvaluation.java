package io.repstream.eval;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.repstream.common.clips.ClipLabel;
import io.repstream.common.clips.ClipLabels;
import io.repstream.common.config.KafkaSettings;
import io.repstream.common.kafka.AvroSerde;
import io.repstream.common.kafka.Topic;
import io.repstream.common.kafka.Topics;
import io.repstream.ingest.IngestService;
import io.repstream.ingest.roster.RosterEntry;
import io.repstream.ingest.stream.StreamState;
import io.repstream.ingest.stream.StreamStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Plays labelled clips through the real pipeline in this JVM: ingest decoding as fast as possible, an embedded
 * broker, the classifier and the counter, exactly as deployed; then compares the counter's counts with the
 * labels. Clips run a few at a time so each reaches the counter at a steady pace.
 */
public final class PipelineEvaluation {
  public static final String CLASS_ID = "eval";
  /** Clips in flight at once: enough to batch across participants, few enough that each keeps moving. */
  static final int CONCURRENT_CLIPS = 3;
  /** Longest a clip may take from start to settled counts before it is reported as stuck. */
  static final Duration CLIP_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final String UNRECOGNISED = "unrecognised";
  /** Sub-folder of the report where each clip's predictions are kept for {@link Recount}. */
  public static final String PREDICTIONS_DIR = "predictions";

  /**
   * What to evaluate with; {@code counterSettings} override the counter's defaults (to try other thresholds);
   * {@code annotate} also writes each clip as an MP4 with the skeleton, exercise, phase and count drawn on it.
   */
  public record Options(Optional<Path> exerciseModel, int sampleFps, Path out, Map<String, String> counterSettings,
      boolean annotate) {}

  private final Map<String, ClipTrace> traces = new ConcurrentHashMap<>();
  private final AtomicBoolean collecting = new AtomicBoolean(true);

  public EvalReport run(List<ClipLabel> labels, Options options, PrintStream progress) throws Exception {
    Path work = Files.createTempDirectory("repstream-eval-");
    Files.createDirectories(options.out());
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    LocalPipeline.Options pipelineOptions = LocalPipeline.Options.embedded(work)
        // Files are decoded far faster than real time; no frame is stale here.
        .withClassifier(Map.of("classifier.max.frame.age", "1h",
            "classifier.exercise.model", options.exerciseModel().map(Path::toString).orElse("")))
        .withCounter(options.counterSettings())
        .withIngest(Map.of("ingest.file.pacing", "fast", "ingest.sample.fps", Integer.toString(options.sampleFps())));
    try (LocalPipeline pipeline = LocalPipeline.start(pipelineOptions, metrics)) {
      Thread collector = new Thread(() -> collect(pipeline.bootstrapServers(), pipeline.topics()), "eval-collector");
      collector.setDaemon(true);
      collector.start();
      try {
        List<ClipResult> results = new ArrayList<>();
        for (int from = 0; from < labels.size(); from += CONCURRENT_CLIPS) {
          List<ClipLabel> wave = labels.subList(from, Math.min(labels.size(), from + CONCURRENT_CLIPS));
          results.addAll(wave(wave, pipeline.ingest(), options, progress, from, labels.size()));
        }
        String pipelineName = "MoveNet lightning + " + options.exerciseModel().map(p -> "exercise model " + p.getFileName())
            .orElse("no exercise model (periodic-motion counting)") + ", " + options.sampleFps() + " fps";
        return new EvalReport(results, pipelineName);
      } finally {
        collecting.set(false);
        collector.join(Duration.ofSeconds(5).toMillis());
      }
    }
  }

  private List<ClipResult> wave(List<ClipLabel> wave, IngestService ingest, Options options, PrintStream progress, int done,
      int total) throws IOException, InterruptedException {
    Map<String, Long> started = new LinkedHashMap<>();
    for (ClipLabel label : wave) {
      String id = participant(label);
      traces.put(id, new ClipTrace());
      ingest.add(new RosterEntry(id, CLASS_ID, label.video().toAbsolutePath().toString(), id, null, null, null, "fast", null));
      started.put(id, System.nanoTime());
    }
    List<ClipResult> results = new ArrayList<>();
    for (ClipLabel label : wave) {
      String id = participant(label);
      ClipResult r = await(label, id, ingest, started.get(id));
      CountTimeline.write(r, traces.get(id), TrueRepMarks.secondsOf(label.video()), options.out().resolve(id + ".png"));
      if (options.annotate()) {
        AnnotatedClip.write(label.video(), traces.get(id).rawPredictions(), traces.get(id).reps(),
            options.out().resolve(id + AnnotatedClip.SUFFIX));
      }
      PredictionArchive.write(PredictionArchive.fileFor(options.out().resolve(PREDICTIONS_DIR), id), traces.get(id).rawPredictions());
      ingest.remove(id);
      results.add(r);
      progress.printf("[%d/%d] %s: %s, true %d, counted %d%s%n", done + results.size(), total, id, r.expectedExercise(),
          r.trueReps(), r.countedReps(), r.problem() == null ? "" : " (" + r.problem() + ")");
    }
    return results;
  }

  private ClipResult await(ClipLabel label, String id, IngestService ingest, long startNanos) throws InterruptedException {
    ClipTrace trace = traces.get(id);
    long deadline = startNanos + CLIP_TIMEOUT.toNanos();
    String problem = null;
    long frames = 0;
    while (true) {
      StreamStatus s = ingest.status(id).orElse(null);
      if (s != null && s.state() == StreamState.DEAD) {
        problem = "stream dead: " + s.lastError();
        frames = s.framesPublished();
        break;
      }
      if (s != null && s.state() == StreamState.ENDED) {
        frames = s.framesPublished();
        if (trace.settled(frames)) {
          break;
        }
      }
      if (System.nanoTime() > deadline) {
        problem = "not settled after " + CLIP_TIMEOUT.toMinutes() + " min (" + trace.predictions() + " predictions)";
        break;
      }
      Thread.sleep(POLL.toMillis());
    }
    Map<String, Integer> counted = trace.counted();
    int total = counted.values().stream().mapToInt(Integer::intValue).sum();
    String recognised = counted.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(UNRECOGNISED);
    return new ClipResult(label.video().getFileName().toString(), label.exercise(), recognised, label.reps(), total, frames,
        (System.nanoTime() - startNanos) / 1e9, problem);
  }

  private static String participant(ClipLabel label) {
    return ClipLabels.participantId(label.video());
  }

  /** Reads predictions, rep events and statuses of every clip into its trace. */
  private void collect(String bootstrap, Topics topics) {
    Properties p = KafkaSettings.bootstrap(bootstrap).clientProperties();
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> all = new ArrayList<>();
      for (Topic t : List.of(Topic.PREDICTIONS, Topic.REP_EVENTS, Topic.PARTICIPANT_STATUS)) {
        c.partitionsFor(topics.name(t)).forEach(i -> all.add(new TopicPartition(i.topic(), i.partition())));
      }
      c.assign(all);
      c.seekToBeginning(all);
      var predictions = AvroSerde.prediction();
      var reps = AvroSerde.repEvent();
      var statuses = AvroSerde.participantStatus();
      while (collecting.get()) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(POLL)) {
          if (r.value() == null) {
            continue;
          }
          if (r.topic().equals(topics.name(Topic.PREDICTIONS))) {
            var v = predictions.deserialize(r.topic(), r.value());
            trace(v.getParticipantId()).prediction(v);
          } else if (r.topic().equals(topics.name(Topic.REP_EVENTS))) {
            var v = reps.deserialize(r.topic(), r.value());
            trace(v.getParticipantId()).rep(v);
          } else {
            var v = statuses.deserialize(r.topic(), r.value());
            trace(v.getParticipantId()).status(v);
          }
        }
      }
    }
  }

  private ClipTrace trace(String participant) {
    return traces.computeIfAbsent(participant, k -> new ClipTrace());
  }
}
