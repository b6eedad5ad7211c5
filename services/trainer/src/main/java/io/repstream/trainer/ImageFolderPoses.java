package io.repstream.trainer;

import io.repstream.exercise.PoseInput;
import io.repstream.schemas.Phase;
import io.repstream.vision.pose.MoveNet;
import io.repstream.vision.pose.PersonCropTracker;
import io.repstream.vision.pose.Pose;
import io.repstream.vision.pose.PoseEstimator;
import io.repstream.vision.pose.RgbImage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Labelled poses from a folder of still images sorted into one subfolder per exercise ({@code squat/},
 * {@code push up/}); inside one, optional {@code up/} and {@code down/} subfolders give the phase (TOP and
 * BOTTOM), and images directly in it have no phase. Each image is its own group: a still has no neighbours, so
 * it goes through a fresh tracking crop and motion window, and its motion features are those of a first frame.
 * Exercise folders the model is not meant to learn are listed, not used; images MoveNet finds nobody in are
 * counted.
 */
public final class ImageFolderPoses {
  private static final Map<String, String> PHASE_FOLDERS = Map.of("up", Phase.TOP.name(), "down", Phase.BOTTOM.name());
  private static final Set<String> IMAGE_SUFFIXES = Set.of(".jpg", ".jpeg", ".png", ".bmp");

  /** The poses found, the exercise folders not used, and the images without a pose. */
  public record Loaded(List<LabelledPose> poses, List<String> skippedFolders, int imagesWithoutPose) {}

  private ImageFolderPoses() {}

  /** The folder name as an exercise label: {@code "Push up"} and {@code push-up} both read as {@code push_up}. */
  static String exerciseLabel(String folder) {
    return folder.trim().toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
  }

  public static Loaded load(Path root, Set<String> trainable, MoveNet moveNet, double minPoseScore) throws IOException {
    if (!Files.isDirectory(root)) {
      throw new IOException(root + " is not a folder of exercise subfolders");
    }
    List<LabelledPose> poses = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    int withoutPose = 0;
    try (PoseEstimator estimator = moveNet.newEstimator(minPoseScore)) {
      for (Path exerciseDir : sorted(root, Files::isDirectory)) {
        String exercise = exerciseLabel(exerciseDir.getFileName().toString());
        if (!trainable.contains(exercise)) {
          skipped.add(exerciseDir.getFileName().toString());
          continue;
        }
        List<Map.Entry<Path, String>> images = new ArrayList<>();
        sorted(exerciseDir, ImageFolderPoses::isImage).forEach(p -> images.add(Map.entry(p, "")));
        for (Path sub : sorted(exerciseDir, Files::isDirectory)) {
          String phase = PHASE_FOLDERS.get(sub.getFileName().toString().toLowerCase(Locale.ROOT));
          if (phase == null) {
            throw new IOException(sub + ": phase subfolders must be named up or down");
          }
          sorted(sub, ImageFolderPoses::isImage).forEach(p -> images.add(Map.entry(p, phase)));
        }
        for (Map.Entry<Path, String> image : images) {
          Optional<PoseInput> pose = pose(estimator, image.getKey());
          if (pose.isEmpty()) {
            withoutPose++;
            continue;
          }
          String phase = image.getValue().isEmpty() ? LabelledPose.NO_PHASE : image.getValue();
          poses.add(new LabelledPose(pose.get(), exercise, phase, root.relativize(image.getKey()).toString(), true));
        }
      }
    }
    return new Loaded(poses, skipped, withoutPose);
  }

  private static Optional<PoseInput> pose(PoseEstimator estimator, Path file) throws IOException {
    BufferedImage read = ImageIO.read(file.toFile());
    if (read == null) {
      throw new IOException(file + " is not an image Java can read (JPEG, PNG or BMP)");
    }
    RgbImage image = RgbImage.of(read);
    List<Pose> found = estimator.estimateTracked(List.of(image), List.of(new PersonCropTracker())).get(0);
    return found.stream().max(Comparator.comparingDouble(Pose::score)).map(p -> PoseInput.of(p, image.width(), image.height()));
  }

  private static boolean isImage(Path p) {
    String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return Files.isRegularFile(p) && IMAGE_SUFFIXES.stream().anyMatch(name::endsWith);
  }

  private static List<Path> sorted(Path dir, java.util.function.Predicate<Path> filter) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(filter).sorted().toList();
    }
  }
}
