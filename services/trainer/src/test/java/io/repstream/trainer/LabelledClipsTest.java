package io.repstream.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import io.repstream.common.clips.ClipLabel;
import io.repstream.common.clips.ClipLabels;
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
  private static final String SQUAT_CLIP = "jrplatin_backsquat_side.mp4";
  private static final String UNLEARNT_CLIP = "093_core_strength.mp4";
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
    // 8.5 s at 10 fps; the person is in view throughout, standing upright under a bar.
    assertThat(first.usedClips()).containsExactly(SQUAT_CLIP);
    assertThat(first.sampledFrames().get(SQUAT_CLIP)).isBetween(83, 87);
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
    List<String> phases = first.motionPhases().get(SQUAT_CLIP);
    assertThat(phases).hasSize(first.poses().size()).contains("TOP", "MOVING", "BOTTOM");
    assertThat(phases.get(0)).isEqualTo("TOP");
    assertThat(again.poses()).extracting(LabelledPose::phase).containsExactlyElementsOf(phases);
  }
}
