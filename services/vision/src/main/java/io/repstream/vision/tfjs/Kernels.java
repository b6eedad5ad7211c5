package io.repstream.vision.tfjs;

import java.util.HashMap;
import java.util.Map;

/** The op table: TF op name to the factory of its kernel. */
final class Kernels {
  static final Map<String, KernelFactory> FACTORIES;

  static {
    Map<String, KernelFactory> ops = new HashMap<>();
    ConvolutionKernels.register(ops);
    ElementwiseKernels.register(ops);
    ShapeKernels.register(ops);
    IndexingKernels.register(ops);
    FACTORIES = Map.copyOf(ops);
  }

  private Kernels() {}
}
