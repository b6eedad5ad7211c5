package io.repstream.vision.tfjs;

import static io.repstream.vision.tfjs.TinyGraph.b;
import static io.repstream.vision.tfjs.TinyGraph.i;
import static io.repstream.vision.tfjs.TinyGraph.ints;
import static io.repstream.vision.tfjs.TinyGraph.s;
import static io.repstream.vision.tfjs.TinyGraph.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Single ops against values worked out from TensorFlow's definitions. */
class TfjsGraphModelTest {
  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  @Test
  void anUnknownOpFailsAtLoadNamingTheOpAndNode() {
    TinyGraph g = new TinyGraph().input("x", "DT_FLOAT").node("mystery", "Erfinv", "", "x");
    assertThatThrownBy(() -> g.load(manager))
        .isInstanceOf(GraphFormatException.class)
        .hasMessageContaining("Erfinv")
        .hasMessageContaining("mystery");
  }

  @Test
  void runsLeaveNoArraysBehindInTheModel() {
    // Kernels that compute an intermediate from a constant operand (the difference inside SquaredDifference, an
    // int32 shape widened to longs) once left it in the model's manager: one more array per run, for the model's life.
    TinyGraph g = new TinyGraph().input("x", "DT_FLOAT")
        .floats("c", new long[] {1, 2}, 1f, 2f)
        .ints("shape", new long[] {1}, 2)
        .node("d", "SquaredDifference", "", "c", "x")
        .node("flat", "Reshape", "", "d", "shape");
    try (TfjsGraphModel model = g.load(manager)) {
      int[] arrays = new int[3];
      for (int r = 0; r < arrays.length; r++) {
        try (NDManager run = NDManager.newBaseManager()) {
          NDArray out = model.run(run.create(new float[] {3, 5}, new Shape(1, 2)), run).get(0);
          assertThat(out.toFloatArray()).containsExactly(4f, 9f);
        }
        arrays[r] = manager.getManagedArrays().size();
      }
      assertThat(arrays[2]).as("arrays held after runs 1, 2, 3: %s", java.util.Arrays.toString(arrays))
          .isEqualTo(arrays[0]);
    }
  }

  @Test
  void sameConvolutionWithStrideTwoPadsTheExtraPixelAfterTheImage() {
    // 4x4 image 0..15, 3x3 kernel of ones, stride 2: TF pads 0 before and 1 after in each axis.
    float[] image = new float[16];
    for (int k = 0; k < 16; k++) {
      image[k] = k;
    }
    float[] ones = new float[9];
    java.util.Arrays.fill(ones, 1f);
    TinyGraph g = new TinyGraph().input("x", "DT_FLOAT")
        .floats("w", new long[] {3, 3, 1, 1}, ones)
        .floats("bias", new long[] {1}, 0.5f)
        .node("conv", "_FusedConv2D", String.join(",", ints("strides", 1, 2, 2, 1), s("padding", "SAME"),
            strings("fused_ops", "BiasAdd")), "x", "w", "bias");
    try (TfjsGraphModel model = g.load(manager)) {
      NDArray out = model.run(manager.create(image, new Shape(1, 4, 4, 1)), manager).get(0);
      assertThat(out.getShape()).isEqualTo(new Shape(1, 2, 2, 1));
      // Windows rows 0-2 / cols 0-2, rows 0-2 / cols 2-3, rows 2-3 / cols 0-2, rows 2-3 / cols 2-3.
      float tl = 0 + 1 + 2 + 4 + 5 + 6 + 8 + 9 + 10;
      float tr = 2 + 3 + 6 + 7 + 10 + 11;
      float bl = 8 + 9 + 10 + 12 + 13 + 14;
      float br = 10 + 11 + 14 + 15;
      assertThat(out.toFloatArray()).containsExactly(tl + 0.5f, tr + 0.5f, bl + 0.5f, br + 0.5f);
    }
  }

  @Test
  void stridedDepthwiseConvolutionOfABatchMatchesTensorFlowsDefinitionPerImage() {
    // Two 6x4 images with two channels, an asymmetric 3x3 filter per channel, stride 2, SAME: TF pads 0 before and
    // 1 after in both axes. The batch runs as one stacked convolution; each image must match the direct sum.
    int n = 2;
    int h = 6;
    int w = 4;
    int c = 2;
    float[] image = new float[n * h * w * c];
    for (int k = 0; k < image.length; k++) {
      image[k] = (k * 7 % 11) - 5;
    }
    float[] filter = new float[3 * 3 * c];
    for (int k = 0; k < filter.length; k++) {
      filter[k] = k + 1;
    }
    TinyGraph g = new TinyGraph().input("x", "DT_FLOAT")
        .floats("w", new long[] {3, 3, c, 1}, filter)
        .node("dw", "DepthwiseConv2dNative", String.join(",", ints("strides", 1, 2, 2, 1), s("padding", "SAME")),
            "x", "w");
    try (TfjsGraphModel model = g.load(manager)) {
      NDArray out = model.run(manager.create(image, new Shape(n, h, w, c)), manager).get(0);
      int oh = 3;
      int ow = 2;
      assertThat(out.getShape()).isEqualTo(new Shape(n, oh, ow, c));
      float[] expected = new float[n * oh * ow * c];
      for (int b = 0; b < n; b++) {
        for (int y = 0; y < oh; y++) {
          for (int x = 0; x < ow; x++) {
            for (int ch = 0; ch < c; ch++) {
              float sum = 0;
              for (int dy = 0; dy < 3; dy++) {
                for (int dx = 0; dx < 3; dx++) {
                  int iy = 2 * y + dy;
                  int ix = 2 * x + dx;
                  if (iy < h && ix < w) {
                    sum += image[((b * h + iy) * w + ix) * c + ch] * filter[(dy * 3 + dx) * c + ch];
                  }
                }
              }
              expected[((b * oh + y) * ow + x) * c + ch] = sum;
            }
          }
        }
      }
      assertThat(out.toFloatArray()).containsExactly(expected);
    }
  }

  @Test
  void depthwiseConvolutionWithRelu6KeepsChannelsApart() {
    // 1x1 kernel, two channels scaled by 2 and -3, ReLU6 after the bias.
    TinyGraph g = new TinyGraph().input("x", "DT_FLOAT")
        .floats("w", new long[] {1, 1, 2, 1}, 2f, -3f)
        .floats("bias", new long[] {2}, 1f, 1f)
        .node("dw", "FusedDepthwiseConv2dNative", String.join(",", ints("strides", 1, 1, 1, 1),
            s("padding", "VALID"), strings("fused_ops", "BiasAdd", "Relu6")), "x", "w", "bias");
    try (TfjsGraphModel model = g.load(manager)) {
      NDArray out = model.run(manager.create(new float[] {1, 1, 4, -1}, new Shape(1, 1, 2, 2)), manager).get(0);
      // pixel 0: (1*2+1, 1*-3+1) = (3, -2 -> 0); pixel 1: (4*2+1 = 9 -> 6, -1*-3+1 = 4).
      assertThat(out.toFloatArray()).containsExactly(3f, 0f, 6f, 4f);
    }
  }

  @Test
  void resizeBilinearSamplesAtHalfPixelCentres() {
    TinyGraph g = new TinyGraph().input("x", "DT_FLOAT")
        .ints("size", new long[] {2}, 4, 4)
        .node("up", "ResizeBilinear", String.join(",", b("align_corners", false), b("half_pixel_centers", true)),
            "x", "size");
    try (TfjsGraphModel model = g.load(manager)) {
      NDArray out = model.run(manager.create(new float[] {0, 1, 2, 3}, new Shape(1, 2, 2, 1)), manager).get(0);
      // Output column c samples input x = (c + 0.5) / 2 - 0.5, clamped: 0, 0.25, 0.75, 1.
      float[] row0 = {0f, 0.25f, 0.75f, 1f};
      float[] v = out.toFloatArray();
      for (int c = 0; c < 4; c++) {
        assertThat(v[c]).isEqualTo(row0[c]);
        assertThat(v[12 + c]).isEqualTo(row0[c] + 2f);
        assertThat(v[4 + c]).isEqualTo(row0[c] + 0.5f);
      }
    }
  }

  @Test
  void stridedSliceHonoursNewAxisAndShrinkMasks() {
    // x[0, 1, :, tf.newaxis] on a 1x3x2 tensor: shrink axes 0 and 1, keep axis 2, add an axis -> shape [2, 1].
    TinyGraph g = new TinyGraph().input("x", "DT_FLOAT")
        .ints("begin", new long[] {4}, 0, 1, 0, 0)
        .ints("end", new long[] {4}, 1, 2, 0, 0)
        .ints("strides", new long[] {4}, 1, 1, 1, 1)
        .node("slice", "StridedSlice", String.join(",", i("begin_mask", 4), i("end_mask", 4), i("ellipsis_mask", 0),
            i("new_axis_mask", 8), i("shrink_axis_mask", 3)), "x", "begin", "end", "strides");
    try (TfjsGraphModel model = g.load(manager)) {
      NDArray out = model.run(manager.create(new float[] {0, 1, 2, 3, 4, 5}, new Shape(1, 3, 2)), manager).get(0);
      assertThat(out.getShape()).isEqualTo(new Shape(2, 1));
      assertThat(out.toFloatArray()).containsExactly(2f, 3f);
    }
  }

  @Test
  void gatherNdPicksRowsAndElements() {
    NDArray params = manager.create(new float[] {0, 1, 2, 3, 4, 5, 6, 7}, new Shape(2, 2, 2));
    NDArray rows = IndexingKernels.gatherNd(params, manager.create(new int[] {1, 0, 0, 1}, new Shape(2, 2)));
    assertThat(rows.getShape()).isEqualTo(new Shape(2, 2));
    assertThat(rows.toFloatArray()).containsExactly(4f, 5f, 2f, 3f);
    NDArray elements = IndexingKernels.gatherNd(params, manager.create(new int[] {1, 1, 0}, new Shape(1, 3)));
    assertThat(elements.toFloatArray()).containsExactly(6f);
  }
}
