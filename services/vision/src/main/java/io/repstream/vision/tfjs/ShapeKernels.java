package io.repstream.vision.tfjs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Ops that move, slice, join or describe tensors without arithmetic. */
final class ShapeKernels {
  private ShapeKernels() {}

  static void register(Map<String, KernelFactory> ops) {
    ops.put("Reshape", n -> in -> new NDArray[] {in[0].reshape(TensorValues.longs(in[1]))});
    ops.put("ExpandDims", n -> in -> {
      int rank = in[0].getShape().dimension();
      long axis = TensorValues.scalar(in[1]);
      return new NDArray[] {in[0].expandDims((int) (axis < 0 ? axis + rank + 1 : axis))};
    });
    ops.put("Squeeze", ShapeKernels::squeeze);
    ops.put("Pack", n -> {
      long axis = n.attributes().integer("axis", 0);
      return in -> {
        int rank = in[0].getShape().dimension() + 1;
        return new NDArray[] {NDArrays.stack(new NDList(in), (int) (axis < 0 ? axis + rank : axis))};
      };
    });
    ops.put("Unpack", n -> {
      long axis = n.attributes().integer("axis", 0);
      int num = (int) n.attributes().integer("num");
      return in -> {
        int a = TensorValues.axis(axis, in[0].getShape().dimension());
        NDList parts = in[0].split(num, a);
        NDArray[] out = new NDArray[num];
        for (int i = 0; i < num; i++) {
          out[i] = parts.get(i).squeeze(a);
        }
        return out;
      };
    });
    ops.put("ConcatV2", n -> in -> {
      NDArray[] parts = Arrays.copyOf(in, in.length - 1);
      int a = TensorValues.axis(TensorValues.scalar(in[in.length - 1]), parts[0].getShape().dimension());
      return new NDArray[] {NDArrays.concat(new NDList(parts), a)};
    });
    ops.put("Split", n -> {
      int num = (int) n.attributes().integer("num_split");
      return in -> {
        int a = TensorValues.axis(TensorValues.scalar(in[0]), in[1].getShape().dimension());
        return in[1].split(num, a).toArray(new NDArray[0]);
      };
    });
    ops.put("Tile", n -> in -> new NDArray[] {in[0].tile(TensorValues.longs(in[1]))});
    ops.put("Shape", n -> in -> new NDArray[] {
        in[0].getManager().create(toInts(in[0].getShape().getShape()))});
    ops.put("Size", n -> in -> new NDArray[] {in[0].getManager().create((int) in[0].getShape().size())});
    ops.put("Fill", n -> in -> new NDArray[] {in[1].broadcast(new Shape(TensorValues.longs(in[0]))).duplicate()});
    ops.put("Range", n -> in -> new NDArray[] {range(in[0], in[1], in[2])});
    ops.put("StridedSlice", ShapeKernels::stridedSlice);
  }

  private static int[] toInts(long[] v) {
    int[] out = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = Math.toIntExact(v[i]);
    }
    return out;
  }

  private static Kernel squeeze(NodeSpec n) {
    long[] dims = n.attributes().integers("squeeze_dims", new long[0]);
    return in -> {
      Shape shape = in[0].getShape();
      int rank = shape.dimension();
      if (dims.length == 0) {
        List<Long> kept = new ArrayList<>();
        for (long d : shape.getShape()) {
          if (d != 1) {
            kept.add(d);
          }
        }
        return new NDArray[] {in[0].reshape(kept.stream().mapToLong(Long::longValue).toArray())};
      }
      int[] axes = new int[dims.length];
      for (int i = 0; i < dims.length; i++) {
        axes[i] = TensorValues.axis(dims[i], rank);
        if (shape.get(axes[i]) != 1) {
          throw new GraphFormatException("node " + n.name() + ": cannot squeeze axis " + axes[i] + " of shape " + shape);
        }
      }
      return new NDArray[] {in[0].squeeze(axes)};
    };
  }

  private static NDArray range(NDArray start, NDArray limit, NDArray delta) {
    DataType type = start.getDataType();
    if (type.isInteger()) {
      long s = TensorValues.scalar(start);
      long l = TensorValues.scalar(limit);
      long d = TensorValues.scalar(delta);
      return start.getManager().arange((int) s, (int) l, (int) d).toType(type, false);
    }
    float s = start.toType(DataType.FLOAT32, false).getFloat();
    float l = limit.toType(DataType.FLOAT32, false).getFloat();
    float d = delta.toType(DataType.FLOAT32, false).getFloat();
    return start.getManager().arange(s, l, d).toType(type, false);
  }

  /**
   * TF StridedSlice with its five bit masks. The sparse slice spec is expanded against the input's rank
   * (ellipsis, new axes) into one (begin, end, stride) per input dimension, applied as one slice, then the result
   * is reshaped to insert new axes and drop shrunk ones.
   */
  private static Kernel stridedSlice(NodeSpec n) {
    NodeAttributes a = n.attributes();
    long beginMask = a.integer("begin_mask", 0);
    long endMask = a.integer("end_mask", 0);
    long ellipsisMask = a.integer("ellipsis_mask", 0);
    long newAxisMask = a.integer("new_axis_mask", 0);
    long shrinkMask = a.integer("shrink_axis_mask", 0);
    return in -> {
      long[] begin = TensorValues.longs(in[1]);
      long[] end = TensorValues.longs(in[2]);
      long[] strides = TensorValues.longs(in[3]);
      Shape shape = in[0].getShape();
      int rank = shape.dimension();
      int specs = begin.length;
      int realAfterEllipsis = 0;
      boolean seenEllipsis = false;
      for (int i = 0; i < specs; i++) {
        if (bit(ellipsisMask, i)) {
          seenEllipsis = true;
        } else if (seenEllipsis && !bit(newAxisMask, i)) {
          realAfterEllipsis++;
        }
      }
      NDIndex index = new NDIndex();
      List<Long> outShape = new ArrayList<>();
      int dim = 0;
      for (int i = 0; i < specs; i++) {
        if (bit(ellipsisMask, i)) {
          int full = rank - dim - realAfterEllipsis;
          for (int k = 0; k < full; k++, dim++) {
            index.addAllDim();
            outShape.add(shape.get(dim));
          }
        } else if (bit(newAxisMask, i)) {
          outShape.add(1L);
        } else {
          if (dim >= rank) {
            throw new GraphFormatException("node " + n.name() + ": slice spec longer than rank " + rank);
          }
          long size = shape.get(dim);
          if (bit(shrinkMask, i)) {
            long b = begin[i] < 0 ? begin[i] + size : begin[i];
            if (b < 0 || b >= size) {
              throw new GraphFormatException("node " + n.name() + ": index " + begin[i] + " out of range for size " + size);
            }
            index.addSliceDim(b, b + 1);
          } else {
            long s = strides[i];
            if (s <= 0) {
              throw new GraphFormatException("node " + n.name() + ": non-positive slice stride " + s + " is not supported");
            }
            long b = bit(beginMask, i) ? 0 : clamp(begin[i] < 0 ? begin[i] + size : begin[i], size);
            long e = bit(endMask, i) ? size : clamp(end[i] < 0 ? end[i] + size : end[i], size);
            long length = e > b ? (e - b + s - 1) / s : 0;
            index.addSliceDim(b, Math.max(e, b), s);
            outShape.add(length);
          }
          dim++;
        }
      }
      for (; dim < rank; dim++) {
        index.addAllDim();
        outShape.add(shape.get(dim));
      }
      NDArray sliced = in[0].get(index);
      return new NDArray[] {sliced.reshape(outShape.stream().mapToLong(Long::longValue).toArray())};
    };
  }

  private static boolean bit(long mask, int i) {
    return (mask & (1L << i)) != 0;
  }

  private static long clamp(long v, long size) {
    return Math.max(0, Math.min(v, size));
  }
}
