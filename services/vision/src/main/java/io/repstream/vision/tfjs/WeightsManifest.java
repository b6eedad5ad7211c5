package io.repstream.vision.tfjs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes the weights of a TF.js graph model: the manifest lists tensors in order, their bytes lie back to back
 * across the weight files (little-endian). Quantised tensors are widened to float32: float16 exactly, uint8/uint16
 * as {@code min + q * scale}.
 */
final class WeightsManifest {
  private WeightsManifest() {}

  static Map<String, NDArray> decode(JsonNode manifest, ByteBuffer data, NDManager manager) {
    ByteBuffer bytes = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    Map<String, NDArray> out = new LinkedHashMap<>();
    for (JsonNode group : manifest) {
      for (JsonNode w : group.path("weights")) {
        String name = w.path("name").asText();
        long[] dims = new long[w.path("shape").size()];
        for (int i = 0; i < dims.length; i++) {
          dims[i] = w.path("shape").get(i).asLong();
        }
        Shape shape = new Shape(dims);
        String dtype = w.path("dtype").asText();
        JsonNode q = w.path("quantization");
        String stored = q.isMissingNode() ? dtype : q.path("dtype").asText();
        int width = byteWidth(name, stored);
        long count = shape.size();
        int length = Math.toIntExact(count * width);
        if (bytes.remaining() < length) {
          throw new GraphFormatException("weights file ends inside tensor " + name + ": need " + length
              + " bytes, " + bytes.remaining() + " left");
        }
        ByteBuffer slice = ByteBuffer.allocateDirect(length).order(ByteOrder.nativeOrder());
        ByteBuffer src = bytes.slice().order(ByteOrder.LITTLE_ENDIAN);
        src.limit(length);
        bytes.position(bytes.position() + length);
        out.put(name, toArray(name, dtype, stored, q, src, slice, shape, manager));
      }
    }
    if (bytes.hasRemaining()) {
      throw new GraphFormatException("weights file has " + bytes.remaining() + " bytes the manifest does not describe");
    }
    return out;
  }

  private static int byteWidth(String name, String stored) {
    switch (stored) {
      case "float32":
      case "int32":
        return 4;
      case "float16":
      case "uint16":
        return 2;
      case "uint8":
      case "bool":
        return 1;
      default:
        throw new GraphFormatException("tensor " + name + " is stored as " + stored + ", which is not supported");
    }
  }

  private static NDArray toArray(String name, String dtype, String stored, JsonNode q, ByteBuffer src,
      ByteBuffer direct, Shape shape, NDManager manager) {
    switch (stored) {
      case "float32":
        direct.asFloatBuffer().put(src.asFloatBuffer());
        return manager.create(direct, shape, DataType.FLOAT32);
      case "int32":
        direct.asIntBuffer().put(src.asIntBuffer());
        return manager.create(direct, shape, DataType.INT32);
      case "bool":
        direct.put(src);
        direct.rewind();
        return manager.create(direct, shape, DataType.BOOLEAN);
      case "float16":
        direct.asShortBuffer().put(src.asShortBuffer());
        return manager.create(direct, shape, DataType.FLOAT16).toType(DataType.FLOAT32, false);
      default:
        break;
    }
    // Affine-quantised integers: value = min + q * scale.
    float scale = (float) q.path("scale").asDouble();
    float min = (float) q.path("min").asDouble();
    float[] values = new float[Math.toIntExact(shape.size())];
    for (int i = 0; i < values.length; i++) {
      int v = stored.equals("uint8") ? Byte.toUnsignedInt(src.get()) : Short.toUnsignedInt(src.getShort());
      values[i] = min + v * scale;
    }
    if (!dtype.equals("float32")) {
      throw new GraphFormatException("tensor " + name + ": " + stored + " quantisation of " + dtype + " is not supported");
    }
    return manager.create(values, shape);
  }
}
