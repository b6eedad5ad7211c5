package io.repstream.vision.tfjs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/** Element-wise ops with NumPy/TF broadcasting, casts, and the n-ary AddN and Select. */
final class ElementwiseKernels {
  /**
   * Smallest tensor whose per-channel operand is widened first (see {@link #isChannelRowOf}): below it the extra
   * small op costs about what the faster loop saves. MoveNet's inputs have 110592 (192x192x3) or more.
   */
  private static final long MIN_WIDENED_ELEMENTS = 1L << 16;

  private ElementwiseKernels() {}

  static void register(Map<String, KernelFactory> ops) {
    unary(ops, "Identity", x -> x);
    unary(ops, "Sigmoid", ElementwiseKernels::sigmoid);
    unary(ops, "Relu", x -> x.getNDArrayInternal().relu());
    unary(ops, "Relu6", x -> x.clip(0f, ConvolutionKernels.RELU6_CAP));
    unary(ops, "Sqrt", NDArray::sqrt);
    unary(ops, "Exp", NDArray::exp);
    unary(ops, "Abs", NDArray::abs);
    unary(ops, "Neg", NDArray::neg);
    unary(ops, "Reciprocal", x -> x.onesLike().div(x));
    binary(ops, "AddV2", NDArray::add);
    binary(ops, "Add", NDArray::add);
    binary(ops, "Sub", NDArray::sub);
    binary(ops, "Mul", NDArray::mul);
    binary(ops, "RealDiv", NDArray::div);
    binary(ops, "FloorDiv", ElementwiseKernels::floorDiv);
    binary(ops, "SquaredDifference", (a, b) -> a.sub(b).square());
    binary(ops, "Minimum", NDArrays::minimum);
    binary(ops, "Maximum", NDArrays::maximum);
    binary(ops, "Less", NDArray::lt);
    binary(ops, "LessEqual", NDArray::lte);
    binary(ops, "Greater", NDArray::gt);
    binary(ops, "GreaterEqual", NDArray::gte);
    binary(ops, "Equal", NDArray::eq);
    binary(ops, "NotEqual", NDArray::neq);
    binary(ops, "LogicalAnd", NDArray::logicalAnd);
    binary(ops, "LogicalOr", NDArray::logicalOr);
    ops.put("Cast", ElementwiseKernels::cast);
    ops.put("AddN", n -> new Kernel() {
      @Override
      public NDArray[] apply(NDArray[] in) {
        NDArray sum = in[0];
        for (int i = 1; i < in.length; i++) {
          sum = sum.add(in[i]);
        }
        return new NDArray[] {sum};
      }

      @Override
      public boolean batchable() {
        return true;
      }
    });
    ops.put("Select", n -> in -> new NDArray[] {select(in[0], in[1], in[2])});
    ops.put("SelectV2", n -> in -> new NDArray[] {NDArrays.where(in[0], in[1], in[2])});
  }

  private static NDArray sigmoid(NDArray x) {
    return x.getNDArrayInternal().sigmoid();
  }

  private static void unary(Map<String, KernelFactory> ops, String op, UnaryOperator<NDArray> f) {
    ops.put(op, n -> new Kernel() {
      @Override
      public NDArray[] apply(NDArray[] in) {
        return new NDArray[] {f.apply(in[0])};
      }

      @Override
      public boolean batchable() {
        return true;
      }
    });
  }

  private static void binary(Map<String, KernelFactory> ops, String op, BinaryOperator<NDArray> f) {
    ops.put(op, n -> {
      n.requireInputs(2);
      return new Kernel() {
        @Override
        public NDArray[] apply(NDArray[] in) {
          NDArray a = in[0];
          NDArray b = in[1];
          if (isChannelRowOf(b, a)) {
            try (NDArray row = widened(b, a)) {
              return new NDArray[] {f.apply(a, row)};
            }
          }
          if (isChannelRowOf(a, b)) {
            try (NDArray row = widened(a, b)) {
              return new NDArray[] {f.apply(row, b)};
            }
          }
          return new NDArray[] {f.apply(a, b)};
        }

        @Override
        public boolean batchable() {
          return true;
        }
      };
    });
  }

  /**
   * Whether {@code narrow} holds one value per channel ({@code [1, ..., 1, C]}) for the large {@code wide}, as
   * MoveNet's input normalisation does. PyTorch broadcasts such an operand by looping over runs of C elements, about
   * three times slower than a scalar on MoveNet's RGB input; repeated along the row axis ({@link #widened}), it shares
   * a contiguous inner run of W * C elements with the image and the loop vectorises again. The values are unchanged.
   */
  private static boolean isChannelRowOf(NDArray narrow, NDArray wide) {
    Shape ns = narrow.getShape();
    Shape ws = wide.getShape();
    int rank = ns.dimension();
    if (rank < 2 || rank != ws.dimension() || ws.size() < MIN_WIDENED_ELEMENTS) {
      return false;
    }
    for (int d = 0; d < rank - 1; d++) {
      if (ns.get(d) != 1) {
        return false;
      }
    }
    return ns.get(rank - 1) > 1 && ns.get(rank - 1) == ws.get(rank - 1) && ws.get(rank - 2) > 1;
  }

  /** {@code narrow} repeated along the second-to-last axis to the width of {@code wide}. */
  private static NDArray widened(NDArray narrow, NDArray wide) {
    int rowAxis = wide.getShape().dimension() - 2;
    long[] repeats = new long[wide.getShape().dimension()];
    java.util.Arrays.fill(repeats, 1);
    repeats[rowAxis] = wide.getShape().get(rowAxis);
    return narrow.tile(repeats);
  }

  /** TF FloorDiv rounds towards negative infinity, for integers as well as floats. */
  private static NDArray floorDiv(NDArray a, NDArray b) {
    DataType type = a.getDataType();
    if (type.isInteger()) {
      return a.toType(DataType.FLOAT64, false).div(b.toType(DataType.FLOAT64, false)).floor().toType(type, false);
    }
    return a.div(b).floor();
  }

  private static Kernel cast(NodeSpec n) {
    DataType target = n.attributes().type("DstT");
    return new Kernel() {
      @Override
      public NDArray[] apply(NDArray[] in) {
        return new NDArray[] {in[0].getDataType() == target ? in[0] : in[0].toType(target, false)};
      }

      @Override
      public boolean batchable() {
        return true;
      }
    };
  }

  /**
   * TF's (v1) Select: with a vector condition and higher-rank branches it picks whole rows; otherwise it is an
   * element-wise choice between same-shaped tensors.
   */
  private static NDArray select(NDArray condition, NDArray whenTrue, NDArray whenFalse) {
    int rank = whenTrue.getShape().dimension();
    NDArray c = condition;
    if (c.getShape().dimension() == 1 && rank > 1) {
      long[] shape = new long[rank];
      java.util.Arrays.fill(shape, 1);
      shape[0] = c.getShape().get(0);
      c = c.reshape(shape);
    }
    return NDArrays.where(c, whenTrue, whenFalse);
  }
}
