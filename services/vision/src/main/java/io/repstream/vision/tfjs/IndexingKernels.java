package io.repstream.vision.tfjs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Map;

/** Ops that pick elements by index or by value: ArgMax, TopKV2, GatherNd, and the Sum/Max reductions. */
final class IndexingKernels {
  private IndexingKernels() {}

  static void register(Map<String, KernelFactory> ops) {
    ops.put("ArgMax", n -> {
      DataType outType = n.attributes().has("output_type") ? n.attributes().type("output_type") : DataType.INT64;
      return in -> {
        int axis = TensorValues.axis(TensorValues.scalar(in[1]), in[0].getShape().dimension());
        return new NDArray[] {in[0].argMax(axis).toType(outType, false)};
      };
    });
    ops.put("TopKV2", n -> {
      if (!n.attributes().bool("sorted", true)) {
        throw n.unsupported("TopKV2 with sorted=false");
      }
      return in -> {
        int k = (int) TensorValues.scalar(in[1]);
        NDList top = in[0].topK(k, -1, true, true);
        return new NDArray[] {top.get(0), top.get(1).toType(DataType.INT32, false)};
      };
    });
    ops.put("GatherNd", n -> in -> new NDArray[] {gatherNd(in[0], in[1])});
    ops.put("Sum", n -> {
      boolean keep = n.attributes().bool("keep_dims", false);
      return in -> new NDArray[] {in[0].sum(axes(in[1], in[0]), keep)};
    });
    ops.put("Max", n -> {
      boolean keep = n.attributes().bool("keep_dims", false);
      return in -> new NDArray[] {in[0].max(axes(in[1], in[0]), keep)};
    });
  }

  private static int[] axes(NDArray axes, NDArray of) {
    int rank = of.getShape().dimension();
    return Arrays.stream(TensorValues.longs(axes)).mapToInt(a -> TensorValues.axis(a, rank)).toArray();
  }

  /**
   * TF GatherNd: the last axis of {@code indices} (length K) addresses the first K axes of {@code params}; the
   * result has shape {@code indices.shape[:-1] + params.shape[K:]}. Done as one flat {@code take}: each index tuple
   * becomes a linear offset, widened by the contiguous block of trailing elements it selects.
   */
  static NDArray gatherNd(NDArray params, NDArray indices) {
    Shape ps = params.getShape();
    Shape is = indices.getShape();
    int k = (int) is.get(is.dimension() - 1);
    if (k > ps.dimension()) {
      throw new GraphFormatException("GatherNd index depth " + k + " exceeds params rank " + ps.dimension());
    }
    long inner = 1;
    for (int d = k; d < ps.dimension(); d++) {
      inner *= ps.get(d);
    }
    long[] strides = new long[k];
    long stride = inner;
    for (int d = k - 1; d >= 0; d--) {
      strides[d] = stride;
      stride *= ps.get(d);
    }
    NDArray offsets = indices.toType(DataType.INT64, false)
        .mul(params.getManager().create(strides))
        .sum(new int[] {is.dimension() - 1});
    if (inner > 1) {
      offsets = offsets.expandDims(-1).add(params.getManager().arange(0, (int) inner, 1, DataType.INT64));
    }
    long[] outShape = new long[is.dimension() - 1 + ps.dimension() - k];
    for (int d = 0; d < is.dimension() - 1; d++) {
      outShape[d] = is.get(d);
    }
    for (int d = k; d < ps.dimension(); d++) {
      outShape[is.dimension() - 1 + d - k] = ps.get(d);
    }
    return params.flatten().take(offsets.flatten()).reshape(outShape);
  }
}
