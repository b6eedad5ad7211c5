package io.repstream.vision.tfjs;

/** Builds the kernel of one node, validating its attributes and preparing constant operands once. */
@FunctionalInterface
interface KernelFactory {
  Kernel create(NodeSpec node);
}
