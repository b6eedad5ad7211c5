package io.repstream.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import io.repstream.common.clips.ClipLabel;
import io.repstream.common.clips.ClipLabels;
import io.repstream.common.clips.TruePhases;
import io.repstream.common.clips.TrueRepMarks;
import io.repstream.vision.pose.MoveNet;
import io.repstream.vision.pose.MoveNetModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Poses of a real development clip, as the classifier sees them; skipped without the clips folder. */
class LabelledClipsTest {
  private static final String SQUAT_CLIP = "yuyoujiang_squat.mp4";
  private static final String UNLEARNT_CLIP = "093_core_strength.mp4";
  /** QUVA's pull-ups: 5 reps, each end marked in labels/022_fitness.npy. */
  private static final String MARKED_CLIP = "022_fitness.mp4";
  private static final int LEFT_HIP = 11;
  private static final int LEFT_ANKLE = 15;

  @TempDir Path dir;

  @Test
  void extractsOnePosePerSampledFrameWithTheClipsExerciseAndNoPhaseAndReusesTheCache() throws Exception {
    Optional<Path> clips = ClipLabels.developmentClipsDir();
    assumeTrue(clips.isPresent(), "skipped: no real clips (" + ClipLabels.CLIPS_DIR_PROPERTY + " unset; run with -Pclips)");
    List<ClipLabel> listed = ClipLabels.read(clips.get().resolve(ClipLabels.LABELS_FILE));
    ClipLabel squat = listed.stream().filter(c -> c.video().getFileName().toString().equals(SQUAT_CLIP)).findFirst().orElseThrow();
    ClipLabel unlearnt = listed.stream().filter(c -> c.video().getFileName().toString().equals(UNLEARNT_CLIP)).findFirst().orElseThrow();
    Path labels = dir.resolve("labels.tsv");
    Files.writeString(labels, "file\texercise\treps\n" + squat.video() + "\tsquat\t" + squat.reps() + "\n"
        + unlearnt.video() + "\t" + unlearnt.exercise() + "\t" + unlearnt.reps() + "\n");
    Path cache = dir.resolve("cache");

    LabelledClips.Loaded first;
    try (MoveNet moveNet = MoveNet.load(MoveNetModel.LIGHTNING, Device.cpu())) {
      first = LabelledClips.load(labels, Set.of("squat", "push_up"),
          new ClipPoses(moveNet, MoveNet.DEFAULT_MIN_POSE_SCORE, Optional.of(cache)), false);
    }
    // 10.8 s at 10 fps; the person is in view throughout, seen from the side, upright between squats.
    assertThat(first.usedClips()).containsExactly(SQUAT_CLIP);
    assertThat(first.sampledFrames().get(SQUAT_CLIP)).isBetween(106, 110);
    assertThat(first.skipped()).extracting(ClipLabel::exercise).containsExactly(unlearnt.exercise());
    assertThat(first.poses().size()).isGreaterThan(80);
    assertThat(first.poses()).allSatisfy(p -> {
      assertThat(p.exercise()).isEqualTo("squat");
      assertThat(p.hasPhase()).isFalse();
      assertThat(p.group()).isEqualTo(SQUAT_CLIP);
    });
    long hipsAboveAnkles = first.poses().stream()
        .filter(p -> p.pose().keypoints()[LEFT_HIP][1] < p.pose().keypoints()[LEFT_ANKLE][1]).count();
    assertThat(hipsAboveAnkles).isGreaterThan(first.poses().size() * 9L / 10);
    assertThat(cache).isDirectoryContaining(f -> f.getFileName().toString().endsWith("-movenet-lightning-10fps-0.25.poses"));

    // Second time from the cache alone: no pose model loaded, and the same poses.
    LabelledClips.Loaded again = LabelledClips.load(labels, Set.of("squat"),
        ClipPoses.cacheOnly(MoveNetModel.LIGHTNING, MoveNet.DEFAULT_MIN_POSE_SCORE, cache), true);
    assertThat(again.poses()).hasSameSizeAs(first.poses());
    for (int i = 0; i < first.poses().size(); i++) {
      assertThat(again.poses().get(i).pose().keypoints()).isDeepEqualTo(first.poses().get(i).pose().keypoints());
    }

    // The squat's own movement makes its 3 reps, so its poses carry the phases it shows: scored always, learnt
    // only when asked. The lifter starts and ends standing (TOP) and squats deep (BOTTOM) three times.
    List<String> phases = first.clipPhases().get(SQUAT_CLIP).phases();
    assertThat(phases).hasSize(first.poses().size()).contains("TOP", "MOVING", "BOTTOM");
    assertThat(phases.get(0)).isEqualTo("TOP");
    assertThat(again.poses()).extracting(LabelledPose::phase).containsExactlyElementsOf(phases);
  }

  @Test
  void aClipWhoseSourceMarkedItsRepsTakesItsPhasesFromTheMarks() throws Exception {
    Optional<Path> clips = ClipLabels.developmentClipsDir();
    assumeTrue(clips.isPresent(), "skipped: no real clips (" + ClipLabels.CLIPS_DIR_PROPERTY + " unset; run with -Pclips)");
    ClipLabel pullUps = ClipLabels.read(clips.get().resolve(ClipLabels.LABELS_FILE)).stream()
        .filter(c -> c.video().getFileName().toString().equals(MARKED_CLIP)).findFirst().orElseThrow();
    Path labels = dir.resolve("labels.tsv");
    Files.writeString(labels, "file\texercise\treps\n" + pullUps.video() + "\tpull_up\t" + pullUps.reps() + "\n");

    LabelledClips.Loaded loaded;
    try (MoveNet moveNet = MoveNet.load(MoveNetModel.LIGHTNING, Device.cpu())) {
      loaded = LabelledClips.load(labels, Set.of("pull_up"),
          new ClipPoses(moveNet, MoveNet.DEFAULT_MIN_POSE_SCORE, Optional.of(dir.resolve("cache"))), true);
    }
    LabelledClips.ClipPhases phases = loaded.clipPhases().get(MARKED_CLIP);
    assertThat(phases.source()).isEqualTo(LabelledClips.PhaseSource.REP_MARKS);
    assertThat(phases.file()).hasValueSatisfying(f -> assertThat(f.getFileName()).hasToString("022_fitness.npy"));
    assertThat(loaded.poses()).extracting(LabelledPose::phase).containsExactlyElementsOf(phases.phases());
    // One far end per marked rep, each between two returns to the hang.
    StringBuilder runs = new StringBuilder();
    for (String p : phases.phases()) {
      char c = p == null ? '.' : p.charAt(0);
      if (runs.isEmpty() || runs.charAt(runs.length() - 1) != c) {
        runs.append(c);
      }
    }
    assertThat(runs.toString().chars().filter(c -> c == 'B').count()).as(runs.toString()).isEqualTo(pullUps.reps());
    assertThat(runs.toString().chars().filter(c -> c == 'T').count()).as(runs.toString()).isGreaterThanOrEqualTo(pullUps.reps() - 1);

    // A phases file beside the clip wins over its marks: a person labelled every moment.
    Path copy = Files.createDirectories(dir.resolve("relabelled"));
    Files.createSymbolicLink(copy.resolve(MARKED_CLIP), pullUps.video());
    Path copyLabels = Files.createDirectories(copy.resolve(TrueRepMarks.LABELS_DIR));
    Path npy = clips.get().resolve(TrueRepMarks.LABELS_DIR).resolve("022_fitness.npy");
    Files.createSymbolicLink(copyLabels.resolve(npy.getFileName()), npy);
    Files.writeString(copyLabels.resolve("022_fitness" + TruePhases.SUFFIX), "time,phase\n1.0,HOLD\n2.0,UNKNOWN\n");
    Files.writeString(labels, "file\texercise\treps\n" + copy.resolve(MARKED_CLIP) + "\tpull_up\t" + pullUps.reps() + "\n");
    LabelledClips.Loaded relabelled = LabelledClips.load(labels, Set.of("pull_up"),
        ClipPoses.cacheOnly(MoveNetModel.LIGHTNING, MoveNet.DEFAULT_MIN_POSE_SCORE, dir.resolve("cache")), true);
    LabelledClips.ClipPhases fromFile = relabelled.clipPhases().get(MARKED_CLIP);
    assertThat(fromFile.source()).isEqualTo(LabelledClips.PhaseSource.PHASES_FILE);
    assertThat(fromFile.file()).contains(copyLabels.resolve("022_fitness" + TruePhases.SUFFIX).toAbsolutePath());
    // 10 frames a second: the second from 1.0 s is HOLD, nothing else is labelled.
    assertThat(fromFile.phases()).filteredOn(java.util.Objects::nonNull).containsOnly("HOLD").hasSizeBetween(9, 10);
  }
}
