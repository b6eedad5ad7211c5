package io.repstream.vision.tfjs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;

/**
 * A tensor flowing through the graph during one batched run. The graphs are written for one image; a run over N
 * images keeps each computed tensor either as one array stacking the N per-image tensors along axis 0 (each of
 * which has a leading 1), or as N separate per-image arrays. Constants, and values computed only from
 * constants, are shared by all images.
 */
final class SampleValue {
  private final NDArray shared;
  private final NDArray stacked;
  private NDArray[] perImage;

  private SampleValue(NDArray shared, NDArray stacked, NDArray[] perImage) {
    this.shared = shared;
    this.stacked = stacked;
    this.perImage = perImage;
  }

  static SampleValue shared(NDArray a) {
    return new SampleValue(a, null, null);
  }

  static SampleValue stacked(NDArray a) {
    return new SampleValue(null, a, null);
  }

  static SampleValue perImage(NDArray[] a) {
    return new SampleValue(null, null, a);
  }

  boolean isShared() {
    return shared != null;
  }

  NDArray sharedArray() {
    return shared;
  }

  /** This value for image {@code i}, with the leading axis of size 1 a batch-of-one graph expects. */
  NDArray image(int i, int batch) {
    if (shared != null) {
      return shared;
    }
    if (perImage == null) {
      perImage = batch == 1 ? new NDArray[] {stacked} : stacked.split(batch, 0).toArray(new NDArray[0]);
    }
    return perImage[i];
  }

  /** Rank of each image's tensor when all images share a leading axis of 1 and one shape; -1 otherwise. */
  int stackableRank() {
    if (stacked != null) {
      return stacked.getShape().dimension();
    }
    Shape first = perImage[0].getShape();
    if (first.dimension() == 0 || first.get(0) != 1) {
      return -1;
    }
    for (NDArray a : perImage) {
      if (!a.getShape().equals(first)) {
        return -1;
      }
    }
    return first.dimension();
  }

  NDArray stackedArray() {
    if (stacked != null) {
      return stacked;
    }
    return perImage.length == 1 ? perImage[0] : NDArrays.concat(new NDList(perImage), 0);
  }

  /** The per-image values stacked along axis 0, for the graph's outputs (each per-image output has a leading 1). */
  NDArray stackedOrConcat(int batch) {
    if (shared != null) {
      return batch == 1 ? shared : shared.repeat(0, batch);
    }
    return stackedArray();
  }

  /** Frees this value's arrays, except those another value still holds because an op passed them through. */
  void closeUnless(java.util.Set<NDArray> keep) {
    if (stacked != null && !keep.contains(stacked)) {
      stacked.close();
    }
    if (perImage != null) {
      for (NDArray a : perImage) {
        if (a != stacked && !keep.contains(a)) {
          a.close();
        }
      }
    }
  }
}
