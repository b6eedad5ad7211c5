package io.repstream.vision.pose;

import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import java.util.ArrayList;
import java.util.List;

/**
 * Estimates body poses in images with one MoveNet model. Not thread-safe: each thread takes its own from
 * {@link MoveNet#newEstimator}. A batch call runs all its images through the model at once and returns exactly
 * what the same images give one by one.
 */
public final class PoseEstimator implements AutoCloseable {
  private final MoveNetModel kind;
  private final Predictor<List<PoseRequest>, List<List<Pose>>> predictor;

  PoseEstimator(MoveNetModel kind, Predictor<List<PoseRequest>, List<List<Pose>>> predictor) {
    this.kind = kind;
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
