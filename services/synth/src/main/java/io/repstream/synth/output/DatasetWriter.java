package io.repstream.synth.output;

import io.repstream.schemas.RepKind;
import io.repstream.synth.SequenceGenerator;
import io.repstream.synth.SynthOptions;
import io.repstream.synth.SynthSequence;
import io.repstream.synth.motion.Exercise;
import io.repstream.synth.motion.SetPlan;
import io.repstream.synth.motion.WorkoutScript;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a training set: many sequences, each a random short workout (exercises with random rep counts, holds
 * and idle spells between), each in its own folder, and {@value #MANIFEST_FILE} listing them all.
 */
public final class DatasetWriter {
  public static final String MANIFEST_FILE = "manifest.json";
  static final int MIN_SETS = 1;
  static final int MAX_SETS = 4;
  static final int MIN_REPS = 3;
  static final int MAX_REPS = 12;
  static final double MIN_HOLD_SECONDS = 5;
  static final double MAX_HOLD_SECONDS = 15;
  static final double MIN_IDLE_SECONDS = 2;
  static final double MAX_IDLE_SECONDS = 6;
  /** Chance that an idle spell (standing, walking, resting) comes before a set. */
  static final double IDLE_SHARE = 0.35;

  private static final Logger LOG = LoggerFactory.getLogger(DatasetWriter.class);

  private DatasetWriter() {}

  /**
   * @param base options every sequence shares (picture size, fps, models); its seed seeds the whole set
   * @param only if not null, every sequence exercises only this
   */
  public static void write(SynthOptions base, int count, Exercise only, boolean video, Path dir) throws IOException {
    if (count < 1) {
      throw new IllegalArgumentException("a dataset needs at least one sequence, got " + count);
    }
    Files.createDirectories(dir);
    Random scripts = new Random(base.seed());
    SequenceGenerator generator = new SequenceGenerator();
    List<Map<String, Object>> entries = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      SynthOptions options = base.withSeed(scripts.nextLong()).withScript(randomScript(scripts, only));
      SynthSequence seq = generator.generate(options);
      String name = String.format("seq-%05d", i + 1);
      Path seqDir = dir.resolve(name);
      LabelWriter.write(seq, seqDir);
      if (video) {
        VideoRenderer.write(seq, seqDir.resolve(VideoRenderer.VIDEO_FILE));
      }
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("id", name);
      e.put("seed", options.seed());
      e.put("script", options.script().toString());
      e.put("frames", seq.workout().frames().size());
      e.put("seconds", seq.workout().seconds());
      e.put("cameraYaw", seq.camera().yawDegrees());
      e.put("cameraPitch", seq.camera().pitchDegrees());
      e.put("countedReps", seq.workout().reps().stream()
          .filter(r -> r.kind() == RepKind.COUNTED).count());
      e.put("video", video);
      entries.add(e);
      LOG.info("dataset {}: {} ({} frames)", name, options.script(), seq.workout().frames().size());
    }
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("seed", base.seed());
    manifest.put("count", count);
    manifest.put("fps", base.fps());
    manifest.put("width", base.width());
    manifest.put("height", base.height());
    manifest.put("labels", List.of(LabelWriter.FRAMES_FILE, LabelWriter.REPS_FILE, LabelWriter.META_FILE));
    manifest.put("sequences", entries);
    LabelWriter.JSON.writeValue(dir.resolve(MANIFEST_FILE).toFile(), manifest);
  }

  static WorkoutScript randomScript(Random random, Exercise only) {
    List<Exercise> exercises = new ArrayList<>();
    List<Exercise> idle = new ArrayList<>();
    for (Exercise e : Exercise.values()) {
      (e.mode() == Exercise.Mode.IDLE ? idle : exercises).add(e);
    }
    int sets = random.nextInt(MIN_SETS, MAX_SETS + 1);
    List<SetPlan> plan = new ArrayList<>();
    for (int s = 0; s < sets; s++) {
      if (random.nextDouble() < IDLE_SHARE) {
        plan.add(SetPlan.seconds(idle.get(random.nextInt(idle.size())),
            random.nextDouble(MIN_IDLE_SECONDS, MAX_IDLE_SECONDS)));
      }
      Exercise e = only != null ? only : exercises.get(random.nextInt(exercises.size()));
      plan.add(e.mode() == Exercise.Mode.REPS ? SetPlan.reps(e, random.nextInt(MIN_REPS, MAX_REPS + 1))
          : SetPlan.seconds(e, random.nextDouble(MIN_HOLD_SECONDS, MAX_HOLD_SECONDS)));
    }
    return new WorkoutScript(plan);
  }
}
