package io.repstream.vision.tfjs;

import ai.djl.ndarray.NDArray;

/** One graph node's computation, bound to its attributes at load time. */
interface Kernel {
  /** Computes the node's outputs from its inputs, all with TensorFlow semantics (NHWC images). */
  NDArray[] apply(NDArray[] inputs);

  /**
   * True when running this kernel once on per-image inputs stacked along axis 0 gives the stack of the per-image
   * results (convolutions, element-wise arithmetic, resizing). The executor uses it to run the heavy part of a
   * batch-of-one graph on a whole batch; every other kernel runs image by image.
   */
  default boolean batchable() {
    return false;
  }

  /**
   * True when the node's constant inputs are parameters the kernel bound at load time (convolution filters and
   * biases) rather than operands broadcast against each image, so their shapes cannot stop a stacked run. Without
   * it a 3x3 filter ({@code [3, 3, C, M]}, leading axis not 1) looks like a per-image operand and every depthwise
   * convolution of a batch ran image by image.
   */
  default boolean constantsAreParameters() {
    return false;
  }
}
