package io.repstream.vision.pose;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.repstream.vision.tfjs.TfjsGraphModel;

/** A DJL block that runs a MoveNet TF.js graph: int32 images [N, S, S, 3] in, the raw model output out. */
final class MoveNetBlock extends AbstractBlock {
  private static final byte VERSION = 1;
  /** Values per person in the multi-person output: 17 x (y, x, score), then yMin, xMin, yMax, xMax, score. */
  static final int MULTIPOSE_VALUES = BodyPart.COUNT * 3 + 5;

  private final TfjsGraphModel graph;
  private final MoveNetModel model;

  MoveNetBlock(TfjsGraphModel graph, MoveNetModel model) {
    super(VERSION);
    this.graph = graph;
    this.model = model;
    inputNames = java.util.List.of(graph.inputName());
  }

  @Override
  protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
      PairList<String, Object> params) {
    return new NDList(graph.run(inputs.singletonOrThrow(), inputs.head().getManager()));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    long n = inputShapes[0].get(0);
    return new Shape[] {
      model.multiPerson() ? new Shape(n, MoveNetModel.MAX_PEOPLE, MULTIPOSE_VALUES) : new Shape(n, 1, BodyPart.COUNT, 3)
    };
  }

  @Override
  protected void initializeChildBlocks(ai.djl.ndarray.NDManager manager, DataType dataType, Shape... inputShapes) {
    // The graph's weights are loaded with it; there is nothing to initialise.
  }
}
