package io.repstream.vision.tfjs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.util.List;
import java.util.Map;

/**
 * Spatial ops on NHWC tensors: convolutions (plain, depthwise, with fused bias and activation), max pooling and
 * bilinear resizing. PyTorch works in NCHW, so each op views its input as NCHW (a stride permutation, no copy),
 * which lets PyTorch pick its channels-last kernels, and views the result back as NHWC. On one intra-op thread, 1x1
 * convolutions run as a linear layer over the NHWC channels instead ({@link #pointwise}).
 */
final class ConvolutionKernels {
  private static final int[] NHWC_TO_NCHW = {0, 3, 1, 2};
  private static final int[] NCHW_TO_NHWC = {0, 2, 3, 1};
  /** DJL's code for bilinear interpolation in {@code NDArrayEx.interpolation}. */
  private static final int BILINEAR = 1;

  private ConvolutionKernels() {}

  static void register(Map<String, KernelFactory> ops) {
    ops.put("Conv2D", n -> conv(n, false, false));
    ops.put("_FusedConv2D", n -> conv(n, false, true));
    ops.put("DepthwiseConv2dNative", n -> conv(n, true, false));
    ops.put("FusedDepthwiseConv2dNative", n -> conv(n, true, true));
    ops.put("MaxPool", ConvolutionKernels::maxPool);
    ops.put("ResizeBilinear", ConvolutionKernels::resizeBilinear);
  }

  enum Activation { NONE, RELU, RELU6 }

  /** The upper bound of ReLU6. */
  static final float RELU6_CAP = 6f;

  private static Kernel conv(NodeSpec n, boolean depthwise, boolean fused) {
    NodeAttributes a = n.attributes();
    requireNhwc(n);
    long[] strides = a.integers("strides", new long[] {1, 1, 1, 1});
    long[] dilations = a.integers("dilations", new long[] {1, 1, 1, 1});
    if (strides.length != 4 || strides[0] != 1 || strides[3] != 1) {
      throw n.unsupported("strides " + java.util.Arrays.toString(strides));
    }
    Padding padding = Padding.of(n, a.string("padding"));
    NDArray filter = n.constant(1);
    Shape fs = filter.getShape();
    if (fs.dimension() != 4) {
      throw n.unsupported("filter of shape " + fs);
    }
    long kh = fs.get(0);
    long kw = fs.get(1);
    NDArray bias = null;
    Activation activation = Activation.NONE;
    if (fused) {
      List<String> fusedOps = a.strings("fused_ops");
      int next = 0;
      if (next < fusedOps.size() && fusedOps.get(next).equals("BiasAdd")) {
        n.requireInputs(3);
        bias = n.constant(2).duplicate();
        next++;
      }
      if (next < fusedOps.size()) {
        switch (fusedOps.get(next)) {
          case "Relu":
            activation = Activation.RELU;
            break;
          case "Relu6":
            activation = Activation.RELU6;
            break;
          default:
            throw n.unsupported("fused op " + fusedOps.get(next));
        }
        next++;
      }
      if (next != fusedOps.size()) {
        throw n.unsupported("fused ops " + fusedOps);
      }
    }
    // [1, 1, Cin, Cout] -> [Cout, Cin], the layout of a linear layer's weight.
    NDArray linearWeight = !depthwise && kh == 1 && kw == 1 && strides[1] == 1 && strides[2] == 1
        ? rowMajorCopy(filter.reshape(fs.get(2), fs.get(3)).transpose(1, 0)) : null;
    NDArray weight;
    int groups;
    if (depthwise) {
      // TF [kh, kw, C, multiplier] -> PyTorch grouped conv [C * multiplier, 1, kh, kw]; output channel c*m+j
      // reads input channel c in both.
      groups = (int) fs.get(2);
      weight = filter.reshape(kh, kw, fs.get(2) * fs.get(3)).transpose(2, 0, 1).expandDims(1);
    } else {
      groups = 1;
      weight = filter.transpose(3, 2, 0, 1);
    }
    weight = rowMajorCopy(weight);
    // The same filter with a zero row on top and a zero column on the left, for SAME padding with an odd pixel
    // (never needed by a 1x1 filter with stride 1, whose SAME padding is none).
    boolean oddPaddingPossible = padding == Padding.SAME && (kh > 1 || kw > 1 || strides[1] > 1 || strides[2] > 1);
    NDArray shiftedWeight = oddPaddingPossible ? weight.pad(new Shape(1, 0, 1, 0), 0) : null;
    final Activation act = activation;
    final int g = groups;
    final Shape stride = new Shape(strides[1], strides[2]);
    final Shape dilation = new Shape(dilations[1], dilations[2]);
    final NDArray w = weight;
    final NDArray ws = shiftedWeight;
    final NDArray b = bias;
    return new Kernel() {
      @Override
      public NDArray[] apply(NDArray[] in) {
        if (linearWeight != null && JniUtils.getNumThreads() == 1) {
          return pointwise(in[0], linearWeight, b, act);
        }
        NDArray x = in[0].transpose(NHWC_TO_NCHW);
        long[] pad = padding.amounts(x.getShape().get(2), x.getShape().get(3), kh, kw, stride, dilation);
        NDArray filterNow = w;
        Shape convPad;
        NDArray padded = null;
        if (pad[0] == pad[1] && pad[2] == pad[3]) {
          convPad = new Shape(pad[0], pad[2]);
        } else if (ws != null && pad[1] == pad[0] + 1 && pad[3] == pad[2] + 1 && dilation.get(0) == 1
            && dilation.get(1) == 1) {
          // TF puts the odd padding pixel after the image; PyTorch pads both sides equally. Padding one more on both
          // sides and reading it through the filter with a leading zero row and column samples exactly TF's
          // windows. Copying the image into a padded array instead cost more than the convolution itself
          // (stride-2 depthwise 3x3 on 8x96x96x96: 8.5-10.7 ms/image against 0.4-0.7).
          filterNow = ws;
          convPad = new Shape(pad[1], pad[3]);
        } else {
          // Mixed cases (odd padding on one axis only, dilated filters) copy the image into a padded array.
          padded = x.pad(new Shape(pad[2], pad[3], pad[0], pad[1]), 0);
          convPad = new Shape(0, 0);
        }
        // Intermediate arrays are freed as soon as they are used: left to the end of the run, they make every
        // convolution allocate fresh memory, and page faults on it cost more than the arithmetic of the small model.
        NDArray source = padded == null ? x : padded;
        NDArray y = x.getNDArrayInternal().convolution(source, filterNow, b, stride, convPad, dilation, g)
            .singletonOrThrow();
        close(padded);
        x.close();
        NDArray activated = activate(y, act);
        NDArray nhwc = activated.transpose(NCHW_TO_NHWC);
        activated.close();
        return new NDArray[] {nhwc};
      }

      @Override
      public boolean batchable() {
        return true;
      }

      @Override
      public boolean constantsAreParameters() {
        return true;
      }
    };
  }

  /**
   * A 1x1 convolution with stride 1 as a linear layer over the channels of the NHWC input: one matrix product (with
   * the bias added in it) that reads and writes NHWC directly. Only on one intra-op thread: there PyTorch routes a 1x1
   * convolution past oneDNN to a generic kernel, about four times slower per multiply than its neighbours on thunder's
   * largest 1x1 layer (block_1_expand, 128x128x16 to 96 channels: 15.9 ms, 5.4 ms as a matrix product). On more
   * threads PyTorch uses oneDNN, which beat the matrix product (thunder at batch 8 on two threads: 61.9 against 70.0
   * CPU ms per image, medians of an in-process A/B).
   */
  private static NDArray[] pointwise(NDArray x, NDArray weight, NDArray bias, Activation act) {
    NDArray y = x.getNDArrayInternal().linear(x, weight, bias).singletonOrThrow();
    return new NDArray[] {activate(y, act)};
  }

  /**
   * Applies the fused activation, freeing the input. ReLU6 is one clamp to [0, 6]: one pass over the activation
   * instead of a ReLU and a minimum, each writing a new array as large as the layer's output.
   */
  static NDArray activate(NDArray y, Activation act) {
    switch (act) {
      case RELU: {
        NDArray r = y.getNDArrayInternal().relu();
        y.close();
        return r;
      }
      case RELU6: {
        NDArray capped = y.clip(0f, RELU6_CAP);
        y.close();
        return capped;
      }
      default:
        return y;
    }
  }

  /**
   * A copy of {@code a} laid out densely in its own axis order. A permuted view copied with {@code duplicate()} keeps
   * the view's strides, and PyTorch's convolution then rearranges such a filter on every call: for MoveNet's late
   * 1x1 layers (6x6 pixels, up to 320x1280 weights) that costs more than the arithmetic. Dense filters cut lightning
   * at batch 1 from 30.6 to 25.6 CPU ms per image (medians of an in-process A/B on a loaded 2-core machine).
   */
  private static NDArray rowMajorCopy(NDArray a) {
    // Flattening a permuted view cannot be a view, so PyTorch copies it in row-major order; the reshape is a view.
    return a.flatten().reshape(a.getShape());
  }

  private static void close(NDArray a) {
    if (a != null) {
      a.close();
    }
  }

  private static Kernel maxPool(NodeSpec n) {
    NodeAttributes a = n.attributes();
    requireNhwc(n);
    long[] k = a.integers("ksize");
    long[] s = a.integers("strides");
    if (k.length != 4 || k[0] != 1 || k[3] != 1 || s[0] != 1 || s[3] != 1) {
      throw n.unsupported("pooling window " + java.util.Arrays.toString(k) + " strides " + java.util.Arrays.toString(s));
    }
    Padding padding = Padding.of(n, a.string("padding"));
    Shape kernel = new Shape(k[1], k[2]);
    Shape stride = new Shape(s[1], s[2]);
    Shape noDilation = new Shape(1, 1);
    return new Kernel() {
      @Override
      public NDArray[] apply(NDArray[] in) {
        NDArray x = in[0].transpose(NHWC_TO_NCHW);
        long[] pad = padding.amounts(x.getShape().get(2), x.getShape().get(3), k[1], k[2], stride, noDilation);
        // TF's SAME pooling ignores the padded cells, which is what padding with -infinity does.
        NDArray padded = pad[0] + pad[1] + pad[2] + pad[3] > 0
            ? x.pad(new Shape(pad[2], pad[3], pad[0], pad[1]), Float.NEGATIVE_INFINITY) : null;
        NDArray source = padded == null ? x : padded;
        NDArray y = source.getNDArrayInternal().maxPool(kernel, stride, new Shape(0, 0), false);
        close(padded);
        x.close();
        NDArray nhwc = y.transpose(NCHW_TO_NHWC);
        y.close();
        return new NDArray[] {nhwc};
      }

      @Override
      public boolean batchable() {
        return true;
      }
    };
  }

  private static Kernel resizeBilinear(NodeSpec n) {
    NodeAttributes a = n.attributes();
    boolean alignCorners = a.bool("align_corners", false);
    boolean halfPixel = a.bool("half_pixel_centers", false);
    // PyTorch's bilinear interpolation with align_corners=false samples at half-pixel centres, exactly TF's
    // half_pixel_centers=true. TF's two other modes have no PyTorch counterpart reachable through DJL.
    if (alignCorners || !halfPixel) {
      throw n.unsupported("ResizeBilinear with align_corners=" + alignCorners + ", half_pixel_centers=" + halfPixel);
    }
    return new Kernel() {
      @Override
      public NDArray[] apply(NDArray[] in) {
        long[] size = TensorValues.longs(in[1]);
        NDArray x = in[0].transpose(NHWC_TO_NCHW);
        NDArray y = x.getNDArrayInternal().interpolation(size, BILINEAR, false);
        return new NDArray[] {y.transpose(NCHW_TO_NHWC)};
      }

      @Override
      public boolean batchable() {
        return true;
      }
    };
  }

  private static void requireNhwc(NodeSpec n) {
    String format = n.attributes().string("data_format", "NHWC");
    if (!format.equals("NHWC")) {
      throw n.unsupported("data_format " + format);
    }
  }

  /** TF's SAME and VALID padding rules. */
  private enum Padding {
    SAME,
    VALID;

    static Padding of(NodeSpec n, String name) {
      switch (name) {
        case "SAME":
          return SAME;
        case "VALID":
          return VALID;
        default:
          throw n.unsupported("padding " + name);
      }
    }

    /** {top, bottom, left, right}. SAME puts the extra pixel of an odd total after the image, as TF does. */
    long[] amounts(long h, long w, long kh, long kw, Shape stride, Shape dilation) {
      if (this == VALID) {
        return new long[4];
      }
      long[] vertical = same(h, kh, stride.get(0), dilation.get(0));
      long[] horizontal = same(w, kw, stride.get(1), dilation.get(1));
      return new long[] {vertical[0], vertical[1], horizontal[0], horizontal[1]};
    }

    private static long[] same(long in, long k, long s, long d) {
      long out = (in + s - 1) / s;
      long effectiveK = (k - 1) * d + 1;
      long total = Math.max((out - 1) * s + effectiveK - in, 0);
      return new long[] {total / 2, total - total / 2};
    }
  }
}
