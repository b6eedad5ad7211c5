package io.repstream.trainer;

import io.repstream.common.clips.ClipLabel;
import io.repstream.common.clips.ClipLabels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Labelled poses from real videos listed in a labels file like {@code clips.tsv}: every frame with a pose gets
 * its clip's exercise and the clip's file name as its group, so splits keep a video on one side. The file gives
 * reps per clip, not the phase of each frame; {@link MotionPhases} reads phases from the clip's own movement where
 * they make exactly its reps, and those phases are kept for scoring and, when asked, given to the frames to learn. Clips whose exercise the model is not meant to
 * learn are not turned into "none": they show that exercise, and calling it idling would teach the model to
 * miss it. They are left out and listed, so the report can name them.
 */
public final class LabelledClips {
  /**
   * The poses of the clips that were used, the clips that were not (exercise outside the class list), and, for the
   * clips whose movement makes exactly their reps, the phase {@link MotionPhases} read for each of their poses.
   */
  public record Loaded(List<LabelledPose> poses, Map<String, Integer> sampledFrames, List<ClipLabel> skipped,
      Map<String, List<String>> motionPhases) {
    /** The clips used, by file name, in the labels file's order. */
    public List<String> usedClips() {
      return List.copyOf(sampledFrames.keySet());
    }
  }

  private LabelledClips() {}

  /**
   * Reads {@code labelsFile} and extracts the poses of each clip whose exercise is in {@code trainable}.
   *
   * @param learnPhases give each pose the phase its clip's movement shows, where {@link MotionPhases} found one;
   *     otherwise real poses carry no phase and teach the exercise only
   */
  public static Loaded load(Path labelsFile, Set<String> trainable, ClipPoses clipPoses, boolean learnPhases)
      throws IOException {
    List<LabelledPose> poses = new ArrayList<>();
    Map<String, Integer> used = new LinkedHashMap<>();
    List<ClipLabel> skipped = new ArrayList<>();
    Map<String, List<String>> motionPhases = new LinkedHashMap<>();
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
      Optional<List<String>> phases = MotionPhases.label(frames.stream().map(ClipPoses.SampledFrame::pose).toList(),
          clip.reps());
      List<String> posedPhases = new ArrayList<>();
      for (int i = 0; i < frames.size(); i++) {
        // Frames without a pose never reach the exercise model in the classifier either.
        if (frames.get(i).pose().isPresent()) {
          String phase = phases.isPresent() ? phases.get().get(i) : LabelledPose.NO_PHASE;
          posedPhases.add(phase);
          poses.add(new LabelledPose(frames.get(i).pose().get(), clip.exercise(),
              learnPhases ? phase : LabelledPose.NO_PHASE, group));
        }
      }
      if (phases.isPresent()) {
        motionPhases.put(group, posedPhases);
      }
    }
    return new Loaded(poses, used, skipped, motionPhases);
  }
}
