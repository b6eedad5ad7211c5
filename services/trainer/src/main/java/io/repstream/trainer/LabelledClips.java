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
import java.util.Set;

/**
 * Labelled poses from real videos listed in a labels file like {@code clips.tsv}: every frame with a pose gets
 * its clip's exercise and no phase (the file gives reps per clip, not the phase of each frame), and the clip's
 * file name as its group, so splits keep a video on one side. Clips whose exercise the model is not meant to
 * learn are not turned into "none": they show that exercise, and calling it idling would teach the model to
 * miss it. They are left out and listed, so the report can name them.
 */
public final class LabelledClips {
  /** The poses of the clips that were used, and the clips that were not (exercise outside the class list). */
  public record Loaded(List<LabelledPose> poses, Map<String, Integer> sampledFrames, List<ClipLabel> skipped) {
    /** The clips used, by file name, in the labels file's order. */
    public List<String> usedClips() {
      return List.copyOf(sampledFrames.keySet());
    }
  }

  private LabelledClips() {}

  /** Reads {@code labelsFile} and extracts the poses of each clip whose exercise is in {@code trainable}. */
  public static Loaded load(Path labelsFile, Set<String> trainable, ClipPoses clipPoses) throws IOException {
    List<LabelledPose> poses = new ArrayList<>();
    Map<String, Integer> used = new LinkedHashMap<>();
    List<ClipLabel> skipped = new ArrayList<>();
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
      for (ClipPoses.SampledFrame f : frames) {
        // Frames without a pose never reach the exercise model in the classifier either.
        f.pose().ifPresent(p -> poses.add(new LabelledPose(p, clip.exercise(), LabelledPose.NO_PHASE, group)));
      }
    }
    return new Loaded(poses, used, skipped);
  }
}
