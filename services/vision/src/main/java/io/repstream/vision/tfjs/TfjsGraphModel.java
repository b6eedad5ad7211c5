package io.repstream.vision.tfjs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TensorFlow.js graph model ({@code model.json}: a GraphDef as JSON plus a weights manifest) executed op by op
 * with DJL NDArrays, so it runs wherever the DJL engine runs. Load checks every op against the kernels this
 * interpreter has and fails naming the first unknown one; weights are decoded and rearranged once; nodes that
 * depend only on constants are computed once.
 *
 * <p>The MoveNet graphs are exported for a batch of one image. {@link #run} accepts a batch of N stacked along
 * axis 0: the convolutional trunk runs once on the whole batch, and the ops that are specific to one image
 * (reshapes to fixed shapes, argmax over the heatmap, gathers) run image by image. The result equals N runs of
 * one image. A loaded model is immutable and may be run from several threads at once.
 */
public final class TfjsGraphModel implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TfjsGraphModel.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /**
   * Most image pixels stacked through the graph at once (8 images of 192x192); bigger batches run in slices. On a
   * 2-core CPU, MoveNet's activations for more no longer fit the caches and the time per image grows again
   * (docs/benchmarks.md).
   */
  public static final long MAX_STACKED_PIXELS = 8L * 192 * 192;

  private final String name;
  private final NDManager manager;
  private final int inputSlot;
  private final String inputName;
  private final List<Step> steps;
  private final SampleValue[] constants;
  private final int[] outputSlots;

  private record Step(String node, Kernel kernel, int[] inputs, int[] outputs, int[] releaseAfter) {}

  private TfjsGraphModel(String name, NDManager manager, int inputSlot, String inputName, List<Step> steps,
      SampleValue[] constants, int[] outputSlots) {
    this.name = name;
    this.manager = manager;
    this.inputSlot = inputSlot;
    this.inputName = inputName;
    this.steps = steps;
    this.constants = constants;
    this.outputSlots = outputSlots;
  }

  /**
   * Loads a graph model.
   *
   * @param name how log lines and errors name the model
   * @param modelJson the bytes of {@code model.json}
   * @param weights the weight files of the manifest, concatenated in manifest order
   * @param manager owns the decoded weights; closing the model closes it
   */
  public static TfjsGraphModel load(String name, byte[] modelJson, ByteBuffer weights, NDManager manager) {
    JsonNode root;
    try {
      root = JSON.readTree(modelJson);
    } catch (IOException e) {
      throw new GraphFormatException(name + ": model.json is not valid JSON: " + e.getMessage(), e);
    }
    if (!"graph-model".equals(root.path("format").asText())) {
      throw new GraphFormatException(name + ": format is '" + root.path("format").asText() + "', expected graph-model");
    }
    JsonNode nodes = root.path("modelTopology").path("node");
    if (!nodes.isArray() || nodes.size() == 0) {
      throw new GraphFormatException(name + ": model.json has no modelTopology.node list");
    }
    // Fail on unknown ops before decoding anything, naming all of them.
    Set<String> unknown = new TreeSet<>();
    for (JsonNode n : nodes) {
      String op = n.path("op").asText();
      if (!op.equals("Const") && !op.equals("Placeholder") && !Kernels.FACTORIES.containsKey(op)) {
        unknown.add(op + " (node " + n.path("name").asText() + ")");
      }
    }
    if (!unknown.isEmpty()) {
      throw new GraphFormatException(name + ": unsupported op(s): " + String.join(", ", unknown));
    }
    Map<String, NDArray> weightArrays = WeightsManifest.decode(root.path("weightsManifest"), weights, manager);

    Map<String, JsonNode> byName = new LinkedHashMap<>();
    for (JsonNode n : nodes) {
      byName.put(n.path("name").asText(), n);
    }
    List<JsonNode> order = topologicalOrder(name, byName);

    Map<String, Integer> slotOf = new HashMap<>();
    List<SampleValue> constantValues = new ArrayList<>();
    List<Step> steps = new ArrayList<>();
    String placeholder = null;
    int[] nextSlot = {0};
    java.util.function.Function<String, Integer> slotFor = ref -> slotOf.computeIfAbsent(ref, r -> nextSlot[0]++);
    Map<Integer, SampleValue> folded = new HashMap<>();

    for (JsonNode n : order) {
      String nodeName = n.path("name").asText();
      String op = n.path("op").asText();
      if (op.equals("Const")) {
        NDArray value = weightArrays.get(nodeName);
        if (value == null) {
          throw new GraphFormatException(name + ": constant " + nodeName + " is not in the weights manifest");
        }
        folded.put(slotFor.apply(nodeName), SampleValue.shared(value));
        continue;
      }
      if (op.equals("Placeholder")) {
        if (placeholder != null) {
          throw new GraphFormatException(name + ": more than one input (" + placeholder + ", " + nodeName + ")");
        }
        placeholder = nodeName;
        slotFor.apply(nodeName);
        continue;
      }
      List<TensorRef> inputs = new ArrayList<>();
      for (JsonNode in : n.path("input")) {
        if (!in.asText().startsWith("^")) {
          inputs.add(TensorRef.parse(in.asText()));
        }
      }
      NDArray[] constantInputs = new NDArray[inputs.size()];
      int[] inputSlots = new int[inputs.size()];
      boolean allConstant = true;
      for (int i = 0; i < inputs.size(); i++) {
        Integer slot = slotOf.get(inputs.get(i).toString());
        if (slot == null) {
          throw new GraphFormatException(name + ": node " + nodeName + " reads " + inputs.get(i) + ", which no node produces");
        }
        inputSlots[i] = slot;
        SampleValue c = folded.get(slot);
        constantInputs[i] = c == null ? null : c.sharedArray();
        allConstant &= c != null;
      }
      NodeSpec spec = new NodeSpec(nodeName, op, new NodeAttributes(nodeName, n.path("attr")), inputs,
          constantInputs);
      Kernel kernel = Kernels.FACTORIES.get(op).create(spec);
      if (allConstant) {
        NDArray[] out = kernel.apply(constantInputs);
        for (int k = 0; k < out.length; k++) {
          folded.put(slotFor.apply(new TensorRef(nodeName, k).toString()), SampleValue.shared(out[k]));
        }
        continue;
      }
      int outputs = outputCount(n, op);
      int[] outputSlots = new int[outputs];
      for (int k = 0; k < outputs; k++) {
        outputSlots[k] = slotFor.apply(new TensorRef(nodeName, k).toString());
      }
      steps.add(new Step(nodeName, kernel, inputSlots, outputSlots, new int[0]));
    }
    if (placeholder == null) {
      throw new GraphFormatException(name + ": the graph has no Placeholder input");
    }
    List<String> outputNames = outputNames(root);
    int[] outputSlots = new int[outputNames.size()];
    for (int i = 0; i < outputSlots.length; i++) {
      Integer slot = slotOf.get(TensorRef.parse(outputNames.get(i)).toString());
      if (slot == null) {
        throw new GraphFormatException(name + ": output " + outputNames.get(i) + " is not produced by the graph");
      }
      outputSlots[i] = slot;
    }
    SampleValue[] constants = new SampleValue[nextSlot[0]];
    folded.forEach((slot, v) -> constants[slot] = v);
    List<Step> withRelease = planReleases(steps, outputSlots, constants);
    LOG.info("Loaded TF.js graph {}: {} ops to run, {} constants", name, withRelease.size(), folded.size());
    return new TfjsGraphModel(name, manager, slotOf.get(placeholder), placeholder, withRelease, constants,
        outputSlots);
  }

  private static int outputCount(JsonNode n, String op) {
    JsonNode attr = n.path("attr");
    switch (op) {
      case "Unpack":
        return attr.path("num").path("i").asInt();
      case "Split":
        return attr.path("num_split").path("i").asInt();
      case "TopKV2":
        return 2;
      default:
        return 1;
    }
  }

  private static List<String> outputNames(JsonNode root) {
    List<String> names = new ArrayList<>();
    root.path("signature").path("outputs").forEach(o -> names.add(o.path("name").asText()));
    if (names.isEmpty()) {
      throw new GraphFormatException("model.json signature names no outputs");
    }
    return names;
  }

  private static List<JsonNode> topologicalOrder(String name, Map<String, JsonNode> byName) {
    List<JsonNode> order = new ArrayList<>();
    Map<String, Integer> state = new HashMap<>();
    for (String start : byName.keySet()) {
      if (state.containsKey(start)) {
        continue;
      }
      // Iterative depth-first search: graphs are deep enough to make recursion risky.
      List<String> stack = new ArrayList<>();
      List<Integer> cursor = new ArrayList<>();
      stack.add(start);
      cursor.add(0);
      state.put(start, 1);
      while (!stack.isEmpty()) {
        int top = stack.size() - 1;
        JsonNode node = byName.get(stack.get(top));
        JsonNode inputs = node.path("input");
        int i = cursor.get(top);
        if (i < inputs.size()) {
          cursor.set(top, i + 1);
          String dep = TensorRef.parse(inputs.get(i).asText().replaceFirst("^\\^", "")).node();
          if (!byName.containsKey(dep)) {
            throw new GraphFormatException(name + ": node " + stack.get(top) + " reads unknown node " + dep);
          }
          Integer s = state.get(dep);
          if (s == null) {
            state.put(dep, 1);
            stack.add(dep);
            cursor.add(0);
          } else if (s == 1) {
            throw new GraphFormatException(name + ": the graph has a cycle through " + dep);
          }
        } else {
          state.put(stack.get(top), 2);
          order.add(node);
          stack.remove(top);
          cursor.remove(top);
        }
      }
    }
    return order;
  }

  /** Records after which step each computed value is read for the last time, so its memory is freed early. */
  private static List<Step> planReleases(List<Step> steps, int[] outputSlots, SampleValue[] constants) {
    Map<Integer, Integer> lastUse = new HashMap<>();
    for (int s = 0; s < steps.size(); s++) {
      for (int in : steps.get(s).inputs()) {
        if (constants[in] == null) {
          lastUse.put(in, s);
        }
      }
    }
    for (int out : outputSlots) {
      lastUse.remove(out);
    }
    Map<Integer, List<Integer>> releases = new HashMap<>();
    lastUse.forEach((slot, step) -> releases.computeIfAbsent(step, k -> new ArrayList<>()).add(slot));
    List<Step> planned = new ArrayList<>();
    for (int s = 0; s < steps.size(); s++) {
      Step st = steps.get(s);
      int[] release = releases.getOrDefault(s, List.of()).stream().mapToInt(Integer::intValue).toArray();
      planned.add(new Step(st.node(), st.kernel(), st.inputs(), st.outputs(), release));
    }
    return planned;
  }

  public String name() {
    return name;
  }

  public String inputName() {
    return inputName;
  }

  /**
   * Runs the graph on a batch.
   *
   * @param input the graph input for N images stacked along axis 0 (for MoveNet: int32 [N, H, W, 3])
   * @param resultManager receives the outputs
   * @return the graph outputs in signature order, each the N per-image outputs stacked along axis 0
   */
  public List<NDArray> run(NDArray input, NDManager resultManager) {
    int batch = Math.toIntExact(input.getShape().get(0));
    if (batch < 1) {
      throw new IllegalArgumentException(name + ": empty batch");
    }
    Shape shape = input.getShape();
    long pixels = shape.dimension() == 4 ? shape.get(1) * shape.get(2) : 1;
    int imagesPerRun = (int) Math.max(1, Math.min(batch, MAX_STACKED_PIXELS / Math.max(pixels, 1)));
    if (batch <= imagesPerRun) {
      return runStacked(input, batch, resultManager);
    }
    List<List<NDArray>> parts = new ArrayList<>();
    try (NDManager slices = manager.newSubManager(input.getDevice())) {
      for (int from = 0; from < batch; from += imagesPerRun) {
        int to = Math.min(batch, from + imagesPerRun);
        NDArray slice = input.get(from + ":" + to);
        slice.attach(slices);
        parts.add(runStacked(slice, to - from, slices));
      }
      List<NDArray> out = new ArrayList<>();
      for (int k = 0; k < outputSlots.length; k++) {
        NDList pieces = new NDList();
        for (List<NDArray> part : parts) {
          pieces.add(part.get(k));
        }
        NDArray joined = NDArrays.concat(pieces, 0);
        joined.attach(resultManager);
        out.add(joined);
      }
      return out;
    }
  }

  private List<NDArray> runStacked(NDArray input, int batch, NDManager resultManager) {
    try (NDManager scratch = manager.newSubManager(input.getDevice())) {
      SampleValue[] values = constants.clone();
      values[inputSlot] = SampleValue.stacked(input);
      Set<NDArray> passedThrough = Collections.newSetFromMap(new IdentityHashMap<>());
      passedThrough.add(input);
      NDArray[] constantViews = new NDArray[values.length];
      for (Step step : steps) {
        execute(step, values, batch, scratch, passedThrough, constantViews);
        for (int slot : step.releaseAfter()) {
          SampleValue v = values[slot];
          values[slot] = null;
          if (v != null && !v.isShared()) {
            v.closeUnless(passedThrough);
          }
        }
      }
      List<NDArray> out = new ArrayList<>();
      for (int slot : outputSlots) {
        NDArray result = values[slot].stackedOrConcat(batch);
        NDArray owned = passedThrough.contains(result) ? result.duplicate() : result;
        owned.attach(resultManager);
        out.add(owned);
      }
      return out;
    }
  }

  private void execute(Step step, SampleValue[] values, int batch, NDManager scratch, Set<NDArray> passedThrough,
      NDArray[] constantViews) {
    int n = step.inputs().length;
    SampleValue[] in = new SampleValue[n];
    for (int i = 0; i < n; i++) {
      int slot = step.inputs()[i];
      in[i] = values[slot];
      if (in[i] == null) {
        throw new IllegalStateException(name + ": value for node " + step.node() + " input " + i + " already freed");
      }
      if (in[i].isShared() && !step.kernel().constantsAreParameters()) {
        in[i] = SampleValue.shared(constantView(slot, in[i].sharedArray(), scratch, constantViews));
      }
    }
    try {
      if (batch == 1 || (step.kernel().batchable() && canStack(in, step.kernel().constantsAreParameters()))) {
        NDArray[] args = new NDArray[n];
        for (int i = 0; i < n; i++) {
          args[i] = in[i].isShared() ? in[i].sharedArray() : in[i].stackedArray();
        }
        NDArray[] out = own(step.kernel().apply(args), args, scratch, passedThrough);
        for (int k = 0; k < step.outputs().length; k++) {
          values[step.outputs()[k]] = SampleValue.stacked(out[k]);
        }
        return;
      }
      NDArray[][] perImage = new NDArray[step.outputs().length][batch];
      for (int b = 0; b < batch; b++) {
        NDArray[] args = new NDArray[n];
        for (int i = 0; i < n; i++) {
          args[i] = in[i].image(b, batch);
        }
        NDArray[] out = own(step.kernel().apply(args), args, scratch, passedThrough);
        for (int k = 0; k < out.length; k++) {
          perImage[k][b] = out[k];
        }
      }
      for (int k = 0; k < step.outputs().length; k++) {
        values[step.outputs()[k]] = SampleValue.perImage(perImage[k]);
      }
    } catch (GraphFormatException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new GraphFormatException(name + ": node " + step.node() + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * A view of a graph constant owned by this run. DJL attaches what an op creates to the manager of its operand, so
   * a kernel computing an intermediate from a constant itself (a cast of an index, the difference inside
   * SquaredDifference) would leave it in the model's manager until the model is closed: lightning leaked 33 arrays
   * per image that way, 300 KB of them. Computed from a view in the run's scratch manager, they are freed with it.
   */
  private static NDArray constantView(int slot, NDArray constant, NDManager scratch, NDArray[] constantViews) {
    NDArray view = constantViews[slot];
    if (view == null) {
      view = constant.reshape(constant.getShape());
      view.attach(scratch);
      constantViews[slot] = view;
    }
    return view;
  }

  /** Moves fresh results into the run's scratch manager; results that are an input unchanged stay where they are. */
  private static NDArray[] own(NDArray[] out, NDArray[] args, NDManager scratch, Set<NDArray> passedThrough) {
    for (NDArray o : out) {
      boolean isInput = false;
      for (NDArray a : args) {
        isInput |= a == o;
      }
      if (isInput) {
        passedThrough.add(o);
      } else {
        o.attach(scratch);
      }
    }
    return out;
  }

  /**
   * Whether a batchable kernel may run once on the stacked images: every per-image input has a leading axis of 1
   * and the same rank, and no shared constant broadcasts along axis 0 (constants that are the kernel's parameters
   * are not broadcast at all).
   */
  private static boolean canStack(SampleValue[] in, boolean constantsAreParameters) {
    int rank = -1;
    for (SampleValue v : in) {
      if (!v.isShared()) {
        int r = v.stackableRank();
        if (r < 1 || (rank != -1 && r != rank)) {
          return false;
        }
        rank = r;
      }
    }
    if (constantsAreParameters) {
      return true;
    }
    for (SampleValue v : in) {
      if (v.isShared()) {
        Shape s = v.sharedArray().getShape();
        if (s.dimension() > rank || (s.dimension() == rank && s.get(0) != 1)) {
          return false;
        }
      }
    }
    return true;
  }

  @Override
  public void close() {
    manager.close();
  }
}
