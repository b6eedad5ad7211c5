package io.repstream.vision.pose;

import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import java.util.ArrayList;
import java.util.List;

/**
 * Estimates body poses in images with one MoveNet model. Not thread-safe: each thread takes its own from
 * {@link MoveNet#newEstimator}. A batch call runs all its images through the model at once and returns exactly
 * what the same images give one by one, bit for bit, as long as the calling thread keeps its PyTorch thread count.
 * That is why a single image is not moved onto one thread, although on two cores it would run faster there
 * (lightning 16 ms instead of 30): on another thread count PyTorch picks other kernels and keypoints move by up to
 * 4e-4, enough to make a count depend on how frames happened to be batched (docs/benchmarks.md, 2026-12-01).
 */
public final class PoseEstimator implements AutoCloseable {
  private final MoveNetModel kind;
  private final double minPoseScore;
  private final Predictor<List<PoseRequest>, List<List<Pose>>> predictor;

  PoseEstimator(MoveNetModel kind, double minPoseScore, Predictor<List<PoseRequest>, List<List<Pose>>> predictor) {
    this.kind = kind;
    this.minPoseScore = minPoseScore;
    this.predictor = predictor;
  }

  public MoveNetModel kind() {
    return kind;
  }

  /** Poses in the whole image (letterboxed to the model's square input); empty when nobody is found. */
  public List<Pose> estimate(RgbImage image) {
    return estimateAll(List.of(PoseRequest.of(image))).get(0);
  }

  /** Poses in each image, whole-image crops; one list per image, in order. */
  public List<List<Pose>> estimate(List<RgbImage> images) {
    List<PoseRequest> requests = new ArrayList<>(images.size());
    images.forEach(i -> requests.add(PoseRequest.of(i)));
    return estimateAll(requests);
  }

  /** Poses for each request (image plus crop region); one list per request, in order. */
  public List<List<Pose>> estimateAll(List<PoseRequest> requests) {
    List<List<Pose>> found = new ArrayList<>();
    for (List<Pose> poses : raw(requests)) {
      found.add(confident(poses));
    }
    return found;
  }

  /**
   * Poses in frames of tracked participants, one tracker per image (the same participant may not appear twice in
   * a batch). A single-person model looks at each tracker's crop, and each tracker then follows the person the
   * model placed, even one too faint to report, as MoveNet's own tracking does. The multi-person model always sees
   * whole frames.
   */
  public List<List<Pose>> estimateTracked(List<RgbImage> images, List<PersonCropTracker> trackers) {
    if (images.size() != trackers.size()) {
      throw new IllegalArgumentException(images.size() + " images but " + trackers.size() + " trackers");
    }
    List<PoseRequest> requests = new ArrayList<>(images.size());
    for (int i = 0; i < images.size(); i++) {
      RgbImage image = images.get(i);
      requests.add(kind.multiPerson() ? PoseRequest.of(image)
          : new PoseRequest(image, trackers.get(i).cropFor(image.width(), image.height())));
    }
    List<List<Pose>> raw = raw(requests);
    List<List<Pose>> found = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      if (!kind.multiPerson()) {
        trackers.get(i).follow(raw.get(i).get(0), images.get(i).width(), images.get(i).height());
      }
      found.add(confident(raw.get(i)));
    }
    return found;
  }

  private List<Pose> confident(List<Pose> poses) {
    List<Pose> kept = new ArrayList<>(poses.size());
    for (Pose p : poses) {
      if (p.score() >= minPoseScore) {
        kept.add(p);
      }
    }
    return kept;
  }

  private List<List<Pose>> raw(List<PoseRequest> requests) {
    if (requests.isEmpty()) {
      return List.of();
    }
    try {
      return predictor.predict(requests);
    } catch (TranslateException e) {
      throw new IllegalStateException("MoveNet " + kind + " failed on a batch of " + requests.size() + ": "
          + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    predictor.close();
  }
}
