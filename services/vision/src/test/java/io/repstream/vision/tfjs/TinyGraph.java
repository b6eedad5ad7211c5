package io.repstream.vision.tfjs;

import ai.djl.ndarray.NDManager;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Builds small TF.js graph models in memory (float32/int32 constants, one input) to test single ops. */
final class TinyGraph {
  private final List<String> nodes = new ArrayList<>();
  private final List<String> weights = new ArrayList<>();
  private final ByteBuffer data = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
  private String output;

  TinyGraph input(String name, String dtype) {
    nodes.add("{\"name\":\"" + name + "\",\"op\":\"Placeholder\",\"attr\":{\"dtype\":{\"type\":\"" + dtype + "\"}}}");
    return this;
  }

  TinyGraph floats(String name, long[] shape, float... values) {
    weights.add("{\"name\":\"" + name + "\",\"shape\":" + java.util.Arrays.toString(shape) + ",\"dtype\":\"float32\"}");
    for (float v : values) {
      data.putFloat(v);
    }
    nodes.add("{\"name\":\"" + name + "\",\"op\":\"Const\"}");
    return this;
  }

  TinyGraph ints(String name, long[] shape, int... values) {
    weights.add("{\"name\":\"" + name + "\",\"shape\":" + java.util.Arrays.toString(shape) + ",\"dtype\":\"int32\"}");
    for (int v : values) {
      data.putInt(v);
    }
    nodes.add("{\"name\":\"" + name + "\",\"op\":\"Const\"}");
    return this;
  }

  /** A node; {@code attrs} is the JSON body of its attr map (without braces). */
  TinyGraph node(String name, String op, String attrs, String... inputs) {
    StringBuilder in = new StringBuilder();
    for (String i : inputs) {
      in.append(in.length() == 0 ? "" : ",").append('"').append(i).append('"');
    }
    nodes.add("{\"name\":\"" + name + "\",\"op\":\"" + op + "\",\"input\":[" + in + "],\"attr\":{" + attrs + "}}");
    output = name;
    return this;
  }

  static String s(String key, String value) {
    return "\"" + key + "\":{\"s\":\"" + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))
        + "\"}";
  }

  static String i(String key, long value) {
    return "\"" + key + "\":{\"i\":\"" + value + "\"}";
  }

  static String b(String key, boolean value) {
    return "\"" + key + "\":{\"b\":" + value + "}";
  }

  static String ints(String key, long... values) {
    StringBuilder v = new StringBuilder();
    for (long x : values) {
      v.append(v.length() == 0 ? "" : ",").append('"').append(x).append('"');
    }
    return "\"" + key + "\":{\"list\":{\"i\":[" + v + "]}}";
  }

  static String strings(String key, String... values) {
    StringBuilder v = new StringBuilder();
    for (String x : values) {
      v.append(v.length() == 0 ? "" : ",").append('"')
          .append(Base64.getEncoder().encodeToString(x.getBytes(StandardCharsets.UTF_8))).append('"');
    }
    return "\"" + key + "\":{\"list\":{\"s\":[" + v + "]}}";
  }

  TfjsGraphModel load(NDManager manager) {
    String json = "{\"format\":\"graph-model\",\"modelTopology\":{\"node\":[" + String.join(",", nodes) + "]},"
        + "\"signature\":{\"outputs\":{\"out\":{\"name\":\"" + output + ":0\"}}},"
        + "\"weightsManifest\":[{\"paths\":[\"w.bin\"],\"weights\":[" + String.join(",", weights) + "]}]}";
    ByteBuffer bytes = ByteBuffer.wrap(java.util.Arrays.copyOf(data.array(), data.position()));
    return TfjsGraphModel.load("tiny", json.getBytes(StandardCharsets.UTF_8), bytes, manager.newSubManager());
  }
}
