package io.repstream.vision.tfjs;

/**
 * One output of one node, as GraphDef inputs name it: {@code node} for output 0, {@code node:1} for output 1.
 * Control inputs ({@code ^node}) never reach this type.
 */
record TensorRef(String node, int index) {
  static TensorRef parse(String ref) {
    int colon = ref.lastIndexOf(':');
    if (colon > 0) {
      String suffix = ref.substring(colon + 1);
      if (!suffix.isEmpty() && suffix.chars().allMatch(Character::isDigit)) {
        return new TensorRef(ref.substring(0, colon), Integer.parseInt(suffix));
      }
    }
    return new TensorRef(ref, 0);
  }

  @Override
  public String toString() {
    return index == 0 ? node : node + ":" + index;
  }
}
