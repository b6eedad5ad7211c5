package io.repstream.vision.tfjs;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * What a kernel factory may know about its node at load time: its name, op, attributes and which inputs are
 * graph constants (with their values), so weights can be rearranged once instead of on every call.
 */
record NodeSpec(String name, String op, NodeAttributes attributes, List<TensorRef> inputs, NDArray[] constants) {

  /** The constant feeding input {@code i}, or a load-time error naming the node when that input is computed. */
  NDArray constant(int i) {
    if (i >= constants.length || constants[i] == null) {
      throw new GraphFormatException(
          "node " + name + " (" + op + ") needs a constant as input " + i + " but it is computed at run time");
    }
    return constants[i];
  }

  void requireInputs(int count) {
    if (inputs.size() < count) {
      throw new GraphFormatException("node " + name + " (" + op + ") has " + inputs.size() + " inputs, needs " + count);
    }
  }

  GraphFormatException unsupported(String what) {
    return new GraphFormatException("node " + name + " (" + op + "): " + what + " is not supported");
  }
}
