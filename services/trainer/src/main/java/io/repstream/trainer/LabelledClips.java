package io.repstream.trainer;

import io.repstream.common.clips.ClipLabel;
import io.repstream.common.clips.ClipLabels;
import io.repstream.common.clips.TruePhases;
import io.repstream.common.clips.TrueRepMarks;
import io.repstream.media.VideoFrameRate;
import io.repstream.schemas.Phase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Labelled poses from real videos listed in a labels file like {@code clips.tsv}: every frame with a pose gets
 * its clip's exercise and the clip's file name as its group, so splits keep a video on one side. The file gives
 * reps per clip; the phase of each frame comes, where a clip has one, from the first of: a phases file beside it
 * ({@link TruePhases}), the marks its source set where each rep ended ({@link TrueRepMarks}, read by
 * {@link MarkedPhases}), or the clip's own movement where that makes exactly its reps ({@link MotionPhases}). Those
 * phases are kept for scoring and, when asked, given to the frames to learn. Clips whose exercise the model is not
 * meant to learn are not turned into "none": they show that exercise, and calling it idling would teach the model
 * to miss it. They are left out and listed, so the report can name them.
 */
public final class LabelledClips {
  private static final Logger LOG = LoggerFactory.getLogger(LabelledClips.class);

  /** Where a clip's phase labels came from, best first. */
  public enum PhaseSource {
    PHASES_FILE("phases file"),
    REP_MARKS("rep marks"),
    MOVEMENT("movement");

    private final String label;

    PhaseSource(String label) {
      this.label = label;
    }

    /** How the model card names it. */
    public String label() {
      return label;
    }
  }

  /**
   * The phase of each posed frame of one clip (null where unknown), where those phases came from, and the file
   * they were read from (none for phases from movement).
   */
  public record ClipPhases(PhaseSource source, Optional<Path> file, List<String> phases) {}

  /**
   * The poses of the clips that were used, the clips that were not (exercise outside the class list), and, for the
   * clips with phase labels, the phase of each of their poses.
   */
  public record Loaded(List<LabelledPose> poses, Map<String, Integer> sampledFrames, List<ClipLabel> skipped,
      Map<String, ClipPhases> clipPhases) {
    /** The clips used, by file name, in the labels file's order. */
    public List<String> usedClips() {
      return List.copyOf(sampledFrames.keySet());
    }
  }

  private LabelledClips() {}

  /**
   * Reads {@code labelsFile} and extracts the poses of each clip whose exercise is in {@code trainable}.
   *
   * @param learnPhases give each pose its clip's phase label, where the clip has them; otherwise real poses carry no
   *     phase and teach the exercise only
   */
  public static Loaded load(Path labelsFile, Set<String> trainable, ClipPoses clipPoses, boolean learnPhases)
      throws IOException {
    List<LabelledPose> poses = new ArrayList<>();
    Map<String, Integer> used = new LinkedHashMap<>();
    List<ClipLabel> skipped = new ArrayList<>();
    Map<String, ClipPhases> clipPhases = new LinkedHashMap<>();
    for (ClipLabel clip : ClipLabels.read(labelsFile)) {
      if (!trainable.contains(clip.exercise())) {
        skipped.add(clip);
        continue;
      }
      if (!Files.isRegularFile(clip.video())) {
        throw new IOException(labelsFile + " lists " + clip.video().getFileName() + ", which is not a file at " + clip.video());
      }
      String group = clip.video().getFileName().toString();
      List<ClipPoses.SampledFrame> frames = clipPoses.frames(clip.video());
      used.put(group, frames.size());
      Optional<ClipPhases> phases = phases(clip, frames);
      List<String> posedPhases = new ArrayList<>();
      for (int i = 0; i < frames.size(); i++) {
        // Frames without a pose never reach the exercise model in the classifier either.
        if (frames.get(i).pose().isPresent()) {
          String phase = phases.isPresent() ? phases.get().phases().get(i) : LabelledPose.NO_PHASE;
          posedPhases.add(phase);
          poses.add(new LabelledPose(frames.get(i).pose().get(), clip.exercise(),
              learnPhases ? phase : LabelledPose.NO_PHASE, group, true));
        }
      }
      phases.ifPresent(p -> clipPhases.put(group, new ClipPhases(p.source(), p.file(), posedPhases)));
    }
    return new Loaded(poses, used, skipped, clipPhases);
  }

  /** The phase of every sampled frame of the clip, from the best source it has; empty when none gives one. */
  private static Optional<ClipPhases> phases(ClipLabel clip, List<ClipPoses.SampledFrame> frames) throws IOException {
    Optional<TruePhases> labelled = TruePhases.of(clip.video());
    if (labelled.isPresent()) {
      List<String> byFrame = new ArrayList<>();
      for (ClipPoses.SampledFrame f : frames) {
        Phase p = labelled.get().at(f.seconds());
        byFrame.add(p == Phase.UNKNOWN ? LabelledPose.NO_PHASE : p.name());
      }
      return Optional.of(new ClipPhases(PhaseSource.PHASES_FILE, Optional.of(labelled.get().file()), byFrame));
    }
    List<Double> marks = TrueRepMarks.secondsOf(clip.video(), VideoFrameRate::of);
    if (!marks.isEmpty()) {
      if (marks.size() == clip.reps()) {
        Optional<List<String>> marked = MarkedPhases.label(frames, marks);
        if (marked.isPresent()) {
          return Optional.of(new ClipPhases(PhaseSource.REP_MARKS, TrueRepMarks.fileOf(clip.video()), marked.get()));
        }
      } else {
        LOG.warn("{} has {} rep marks but the labels file says {} reps; its phases are not read from the marks",
            clip.video().getFileName(), marks.size(), clip.reps());
      }
    }
    return MotionPhases.label(frames.stream().map(ClipPoses.SampledFrame::pose).toList(), clip.reps())
        .map(p -> new ClipPhases(PhaseSource.MOVEMENT, Optional.empty(), p));
  }
}
