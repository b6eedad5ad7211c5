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
}
