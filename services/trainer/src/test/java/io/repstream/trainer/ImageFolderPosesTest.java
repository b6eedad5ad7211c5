package io.repstream.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import io.repstream.common.clips.ClipLabels;
import io.repstream.vision.bench.ClipFrames;
import io.repstream.vision.pose.MoveNet;
import io.repstream.vision.pose.MoveNetModel;
import io.repstream.vision.pose.RgbImage;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stills cut from a real development clip, sorted into exercise and phase folders; skipped without the clips. */
class ImageFolderPosesTest {
  private static final String SQUAT_CLIP = "jrplatin_backsquat_side.mp4";
  private static final int FRAME_STRIDE = 40;

  @TempDir Path dir;

  @Test
  void labelsEachStillFromItsFoldersAndSkipsExercisesNotLearnt() throws Exception {
    Optional<Path> clips = ClipLabels.developmentClipsDir();
    assumeTrue(clips.isPresent(), ClipLabels.whyNoDevelopmentClips());
    List<RgbImage> frames = ClipFrames.sample(clips.get().resolve(SQUAT_CLIP), FRAME_STRIDE, 3);
    assertThat(frames).hasSize(3);
    write(frames.get(0), dir.resolve("Squat/up/a.jpg"));
    write(frames.get(1), dir.resolve("Squat/down/b.jpg"));
    write(frames.get(2), dir.resolve("Squat/c.jpg"));
    write(frames.get(2), dir.resolve("cross crunch/d.jpg"));
    Files.writeString(dir.resolve("Squat/notes.txt"), "not an image, ignored");

    ImageFolderPoses.Loaded loaded;
    try (MoveNet moveNet = MoveNet.load(MoveNetModel.LIGHTNING, Device.cpu())) {
      loaded = ImageFolderPoses.load(dir, Set.of("squat", "push_up"), moveNet, MoveNet.DEFAULT_MIN_POSE_SCORE);
    }
    assertThat(loaded.skippedFolders()).containsExactly("cross crunch");
    assertThat(loaded.imagesWithoutPose()).isZero();
    assertThat(loaded.poses()).extracting(LabelledPose::group)
        .containsExactly("Squat/c.jpg", "Squat/down/b.jpg", "Squat/up/a.jpg");
    assertThat(loaded.poses()).extracting(LabelledPose::exercise).containsOnly("squat");
    assertThat(loaded.poses()).extracting(LabelledPose::phase).containsExactly(null, "BOTTOM", "TOP");
    assertThat(loaded.poses().get(0).pose().aspect()).isEqualTo((float) frames.get(2).width() / frames.get(2).height());
  }

  private static void write(RgbImage image, Path file) throws Exception {
    BufferedImage b = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < image.height(); y++) {
      for (int x = 0; x < image.width(); x++) {
        b.setRGB(x, y, image.channel(x, y, 0) << 16 | image.channel(x, y, 1) << 8 | image.channel(x, y, 2));
      }
    }
    Files.createDirectories(file.getParent());
    assertThat(ImageIO.write(b, "jpg", file.toFile())).isTrue();
  }
}
