package io.repstream.eval;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.repstream.common.clips.ClipLabel;
import io.repstream.common.clips.ClipLabels;
import io.repstream.common.clips.TrueRepMarks;
import io.repstream.common.config.KafkaSettings;
import io.repstream.common.files.ScratchFolder;
import io.repstream.common.kafka.AvroSerde;
import io.repstream.common.kafka.Topic;
import io.repstream.common.kafka.Topics;
import io.repstream.ingest.IngestService;
import io.repstream.ingest.roster.RosterEntry;
import io.repstream.ingest.stream.StreamState;
import io.repstream.ingest.stream.StreamStatus;
import io.repstream.media.VideoFrameRate;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
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
  /**
   * Clips in flight at once. A batch takes at most one frame per participant (each frame is cropped where the one
   * before it found the person), so this is also the largest batch the pose engine sees here.
   */
  static final int CONCURRENT_CLIPS = 6;
  /** Longest a clip may take from start to settled counts before it is reported as stuck. */
  static final Duration CLIP_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration POLL = Duration.ofMillis(200);
  /** Sub-folder of the report where each clip's predictions are kept for {@link Recount}. */
  public static final String PREDICTIONS_DIR = "predictions";

  /**
   * What to evaluate with; {@code classifierSettings} and {@code counterSettings} override those services' defaults
   * (to try another pose model or other thresholds); {@code annotate} also writes each clip as an MP4 with the
   * skeleton, exercise, phase and count drawn on it.
   */
  public record Options(Optional<Path> exerciseModel, int sampleFps, Path out, Map<String, String> classifierSettings,
      Map<String, String> counterSettings, boolean annotate) {}

  private final Map<String, ClipTrace> traces = new ConcurrentHashMap<>();
  private final AtomicBoolean collecting = new AtomicBoolean(true);

  public EvalReport run(List<ClipLabel> labels, Options options, PrintStream progress) throws Exception {
    Files.createDirectories(options.out());
    try (ScratchFolder work = ScratchFolder.create("repstream-eval-")) {
      return run(labels, options, progress, work.path());
    }
  }

  private EvalReport run(List<ClipLabel> labels, Options options, PrintStream progress, Path work) throws Exception {
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    LocalPipeline.Options pipelineOptions = LocalPipeline.Options.embedded(work)
        // Files are decoded far faster than real time; no frame is stale here. One worker: with more, the group
        // rebalances as they join, and a participant whose partition moves mid-clip starts its tracking crop and
        // motion window afresh on the new worker, so counts would depend on timing.
        .withClassifier(Map.of("classifier.max.frame.age", "1h", "classifier.workers", "1",
            "classifier.exercise.model", options.exerciseModel().map(Path::toString).orElse("")))
        .withClassifier(options.classifierSettings())
        .withCounter(options.counterSettings())
        .withIngest(Map.of("ingest.file.pacing", "fast", "ingest.sample.fps", Integer.toString(options.sampleFps())));
    try (LocalPipeline pipeline = LocalPipeline.start(pipelineOptions, metrics)) {
      Thread collector = new Thread(() -> collect(pipeline.bootstrapServers(), pipeline.topics()), "eval-collector");
      collector.setDaemon(true);
      collector.start();
      try {
        List<ClipResult> results = evaluate(labels, pipeline.ingest(), options, progress);
        String pipelineName = "MoveNet " + pipeline.poseModel().name().toLowerCase(Locale.ROOT) + " + " + options.exerciseModel().map(p -> "exercise model " + p.getFileName())
            .orElse("no exercise model (periodic-motion counting)") + ", " + options.sampleFps() + " fps";
        return new EvalReport(results, pipelineName, options.exerciseModel().map(EvalReport::exercisesOf).orElse(Set.of()));
      } finally {
        collecting.set(false);
        collector.join(Duration.ofSeconds(5).toMillis());
      }
    }
  }

  /** A clip being played: its label, its participant and when it started. */
  private record InFlight(int index, ClipLabel label, String id, long startNanos) {}

  /** Plays every clip, keeping {@link #CONCURRENT_CLIPS} in flight; results in the order of {@code labels}. */
  private List<ClipResult> evaluate(List<ClipLabel> labels, IngestService ingest, Options options, PrintStream progress)
      throws IOException, InterruptedException {
    ClipResult[] results = new ClipResult[labels.size()];
    List<InFlight> flying = new ArrayList<>();
    int next = 0;
    int done = 0;
    while (done < labels.size()) {
      while (flying.size() < CONCURRENT_CLIPS && next < labels.size()) {
        ClipLabel label = labels.get(next);
        String id = participant(label);
        traces.put(id, new ClipTrace());
        ingest.add(new RosterEntry(id, CLASS_ID, label.video().toAbsolutePath().toString(), id, null, null, null, "fast", null));
        flying.add(new InFlight(next++, label, id, System.nanoTime()));
      }
      for (Iterator<InFlight> it = flying.iterator(); it.hasNext(); ) {
        InFlight clip = it.next();
        ClipResult r = finished(clip, ingest);
        if (r == null) {
          continue;
        }
        it.remove();
        write(clip, r, options);
        ingest.remove(clip.id());
        results[clip.index()] = r;
        progress.printf("[%d/%d] %s: %s, true %d, counted %d%s%n", ++done, labels.size(), clip.id(), r.expectedExercise(),
            r.trueReps(), r.countedReps(), r.problem() == null ? "" : " (" + r.problem() + ")");
      }
      Thread.sleep(POLL.toMillis());
    }
    return List.of(results);
  }

  /** The clip's timeline, annotated video and predictions archive. */
  private void write(InFlight clip, ClipResult r, Options options) throws IOException {
    ClipTrace trace = traces.get(clip.id());
    CountTimeline.write(r, trace, TrueRepMarks.secondsOf(clip.label().video(), VideoFrameRate::of), options.out().resolve(clip.id() + ".png"));
    if (options.annotate()) {
      AnnotatedClip.write(clip.label().video(), trace.rawPredictions(), trace.reps(),
          options.out().resolve(clip.id() + AnnotatedClip.SUFFIX));
    }
    PredictionArchive.write(PredictionArchive.fileFor(options.out().resolve(PREDICTIONS_DIR), clip.id()), trace.rawPredictions());
  }

  /** The clip's result once its stream has ended and every frame is counted (or it died or timed out); else null. */
  private ClipResult finished(InFlight clip, IngestService ingest) {
    ClipTrace trace = traces.get(clip.id());
    StreamStatus s = ingest.status(clip.id()).orElse(null);
    String problem;
    long frames = s == null ? 0 : s.framesPublished();
    if (s != null && s.state() == StreamState.DEAD) {
      problem = "stream dead: " + s.lastError();
    } else if (s != null && s.state() == StreamState.ENDED && trace.settled(frames)) {
      problem = null;
    } else if (System.nanoTime() > clip.startNanos() + CLIP_TIMEOUT.toNanos()) {
      problem = "not settled after " + CLIP_TIMEOUT.toMinutes() + " min (" + trace.predictions() + " predictions)";
    } else {
      return null;
    }
    return ClipResult.of(clip.label(), trace.counted(), frames, trace.rawPredictions(),
        (System.nanoTime() - clip.startNanos()) / 1e9, problem);
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
