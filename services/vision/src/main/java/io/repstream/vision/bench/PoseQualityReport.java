package io.repstream.vision.bench;

import ai.djl.Device;
import io.repstream.vision.pose.Keypoint;
import io.repstream.vision.pose.MoveNet;
import io.repstream.vision.pose.MoveNetModel;
import io.repstream.vision.pose.PersonCropTracker;
import io.repstream.vision.pose.Pose;
import io.repstream.vision.pose.PoseEstimator;
import io.repstream.vision.pose.RgbImage;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How well each MoveNet model sees the people in the real clips: per clip listed in clips.tsv, the mean keypoint
 * score of the best pose per frame (0 when nobody is found) and the fraction of frames with a person (pose score at
 * least {@link MoveNet#DEFAULT_MIN_POSE_SCORE}). Single-person models run as in production, with the tracking crop
 * following the person from frame to frame; the multi-person model sees whole frames.
 */
public final class PoseQualityReport {
  /** Every fifth decoded frame, up to 40 per clip: the first seconds of each clip. */
  static final int FRAME_STRIDE = 5;
  static final int MAX_FRAMES = 40;

  /** Per clip and model: frames looked at, mean keypoint score, fraction with a person. */
  public record Row(String clip, MoveNetModel model, int frames, double meanKeypointScore, double detectedFraction) {}

  private PoseQualityReport() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: PoseQualityReport CLIPS_DIR");
      System.exit(2);
    }
    run(Path.of(args[0]), Device.cpu(), System.out);
  }

  public static List<Row> run(Path clipsDir, Device device, PrintStream out) {
    List<String> clips = ClipFrames.listedClips(clipsDir);
    List<List<RgbImage>> frames = new ArrayList<>();
    for (String clip : clips) {
      frames.add(ClipFrames.sample(clipsDir.resolve(clip), FRAME_STRIDE, MAX_FRAMES));
    }
    List<Row> rows = new ArrayList<>();
    for (MoveNetModel model : MoveNetModel.values()) {
      try (MoveNet net = MoveNet.load(model, device); PoseEstimator estimator = net.newEstimator()) {
        for (int c = 0; c < clips.size(); c++) {
          rows.add(measure(clips.get(c), model, estimator, frames.get(c)));
        }
      }
    }
    out.println("| clip | frames | " + columns("mean kp score") + " | " + columns("person found") + " |");
    out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
    for (int c = 0; c < clips.size(); c++) {
      StringBuilder line = new StringBuilder("| " + clips.get(c) + " | " + frames.get(c).size());
      for (int pass = 0; pass < 2; pass++) {
        for (MoveNetModel model : MoveNetModel.values()) {
          Row r = rows.get(model.ordinal() * clips.size() + c);
          line.append(String.format(Locale.ROOT, " | %.2f", pass == 0 ? r.meanKeypointScore() : r.detectedFraction()));
        }
      }
      out.println(line.append(" |"));
    }
    for (MoveNetModel model : MoveNetModel.values()) {
      double score = rows.stream().filter(r -> r.model() == model).mapToDouble(Row::meanKeypointScore).average()
          .orElse(0);
      double found = rows.stream().filter(r -> r.model() == model).mapToDouble(Row::detectedFraction).average()
          .orElse(0);
      out.printf(Locale.ROOT, "pose-quality model=%s clips=%d mean_keypoint_score=%.3f person_found=%.3f%n",
          model.name().toLowerCase(Locale.ROOT), clips.size(), score, found);
    }
    return rows;
  }

  private static String columns(String what) {
    StringBuilder s = new StringBuilder();
    for (MoveNetModel m : MoveNetModel.values()) {
      s.append(s.length() == 0 ? "" : " | ").append(what).append(' ').append(m.name().toLowerCase(Locale.ROOT));
    }
    return s.toString();
  }

  private static Row measure(String clip, MoveNetModel model, PoseEstimator estimator, List<RgbImage> frames) {
    PersonCropTracker tracker = new PersonCropTracker();
    double scoreSum = 0;
    int found = 0;
    for (RgbImage frame : frames) {
      List<Pose> poses = estimator.estimateTracked(List.of(frame), List.of(tracker)).get(0);
      if (!poses.isEmpty()) {
        found++;
        scoreSum += poses.stream().mapToDouble(p -> p.keypoints().stream().mapToDouble(Keypoint::score).average()
            .orElse(0)).max().orElse(0);
      }
    }
    int n = Math.max(frames.size(), 1);
    return new Row(clip, model, frames.size(), scoreSum / n, (double) found / n);
  }

}
