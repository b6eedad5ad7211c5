package io.repstream.vision.tfjs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** Reading small integer tensors (shapes, axes, sizes) that graph ops take as inputs. */
final class TensorValues {
  private TensorValues() {}

  /**
   * The values as longs. Nothing is left behind: these inputs are mostly graph constants, owned by the model's
   * manager, so a converted copy made on the way would live (one more per call) until the model is closed.
   */
  static long[] longs(NDArray a) {
    switch (a.getDataType()) {
      case INT64:
        return a.toLongArray();
      case INT32:
        return java.util.Arrays.stream(a.toIntArray()).asLongStream().toArray();
      default:
        try (NDArray converted = a.toType(DataType.INT64, false)) {
          return converted.toLongArray();
        }
    }
  }

  static long scalar(NDArray a) {
    long[] v = longs(a);
    if (v.length != 1) {
      throw new GraphFormatException("expected a single integer, got shape " + a.getShape());
    }
    return v[0];
  }

  /** A possibly negative axis made absolute for a tensor of the given rank. */
  static int axis(long axis, int rank) {
    long a = axis < 0 ? axis + rank : axis;
    if (a < 0 || a >= Math.max(rank, 1)) {
      throw new GraphFormatException("axis " + axis + " out of range for rank " + rank);
    }
    return (int) a;
  }
}
