package io.repstream.vision.tfjs;

import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The {@code attr} map of one GraphDef node as TF.js writes it to JSON: strings base64-encoded, integers as
 * decimal strings, lists under {@code list}. Every getter names the node and attribute when a value is missing.
 */
final class NodeAttributes {
  private final String nodeName;
  private final JsonNode attr;

  NodeAttributes(String nodeName, JsonNode attr) {
    this.nodeName = nodeName;
    this.attr = attr == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : attr;
  }

  boolean has(String key) {
    return attr.has(key);
  }

  private JsonNode required(String key) {
    JsonNode v = attr.get(key);
    if (v == null) {
      throw new GraphFormatException("node " + nodeName + " lacks attribute " + key);
    }
    return v;
  }

  String string(String key) {
    return decode(required(key).path("s").asText(""));
  }

  String string(String key, String fallback) {
    return has(key) ? string(key) : fallback;
  }

  long integer(String key) {
    return required(key).path("i").asLong(0);
  }

  long integer(String key, long fallback) {
    return has(key) ? integer(key) : fallback;
  }

  boolean bool(String key, boolean fallback) {
    return has(key) ? required(key).path("b").asBoolean(false) : fallback;
  }

  long[] integers(String key) {
    JsonNode list = required(key).path("list").path("i");
    long[] out = new long[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = list.get(i).asLong();
    }
    return out;
  }

  long[] integers(String key, long[] fallback) {
    return has(key) ? integers(key) : fallback;
  }

  List<String> strings(String key) {
    List<String> out = new ArrayList<>();
    required(key).path("list").path("s").forEach(s -> out.add(decode(s.asText())));
    return out;
  }

  DataType type(String key) {
    return dataType(nodeName, required(key).path("type").asText(""));
  }

  static DataType dataType(String nodeName, String tfType) {
    switch (tfType) {
      case "DT_FLOAT":
        return DataType.FLOAT32;
      case "DT_INT32":
        return DataType.INT32;
      case "DT_INT64":
        return DataType.INT64;
      case "DT_BOOL":
        return DataType.BOOLEAN;
      default:
        throw new GraphFormatException("node " + nodeName + " uses tensor type " + tfType + ", which is not supported");
    }
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }
}
