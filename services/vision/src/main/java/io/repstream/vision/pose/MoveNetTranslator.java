package io.repstream.vision.pose;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a batch of images into MoveNet's input (each crop resized to the model's square, int32 RGB) and the model
 * output back into poses in source-image pixels, however low their score (the caller filters: a crop tracker
 * follows even a faint person). The batch is the translator's own input type, so one predict call runs the whole
 * batch through the model at once.
 */
final class MoveNetTranslator implements NoBatchifyTranslator<List<PoseRequest>, List<List<Pose>>> {
  /** A keypoint this confident or more counts when drawing a single-person box (MoveNet's own crop threshold). */
  static final double BOX_KEYPOINT_MIN_SCORE = 0.2;
  private static final String REQUESTS = "requests";

  private final MoveNetModel model;

  MoveNetTranslator(MoveNetModel model) {
    this.model = model;
  }

  @Override
  public NDList processInput(TranslatorContext ctx, List<PoseRequest> requests) {
    if (requests.isEmpty()) {
      throw new IllegalArgumentException("empty batch");
    }
    int size = model.inputSize();
    int per = size * size * 3;
    int[] pixels = new int[per * requests.size()];
    for (int i = 0; i < requests.size(); i++) {
      PoseRequest r = requests.get(i);
      CropResizer.cropAndResize(r.image(), r.crop(), size, pixels, i * per);
    }
    ctx.setAttachment(REQUESTS, requests);
    return new NDList(ctx.getNDManager().create(pixels, new Shape(requests.size(), size, size, 3)));
  }

  @Override
  public List<List<Pose>> processOutput(TranslatorContext ctx, NDList list) {
    @SuppressWarnings("unchecked")
    List<PoseRequest> requests = (List<PoseRequest>) ctx.getAttachment(REQUESTS);
    NDArray out = list.singletonOrThrow();
    float[] values = out.toFloatArray();
    int perImage = values.length / requests.size();
    List<List<Pose>> result = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      result.add(model.multiPerson()
          ? multiPerson(values, i * perImage, requests.get(i))
          : singlePerson(values, i * perImage, requests.get(i)));
    }
    return result;
  }

  private List<Pose> singlePerson(float[] v, int offset, PoseRequest r) {
    List<Keypoint> keypoints = keypoints(v, offset, r);
    double sum = 0;
    for (Keypoint k : keypoints) {
      sum += k.score();
    }
    return List.of(new Pose(keypoints, boxAround(keypoints), sum / keypoints.size()));
  }

  private List<Pose> multiPerson(float[] v, int offset, PoseRequest r) {
    List<Pose> poses = new ArrayList<>();
    int box = BodyPart.COUNT * 3;
    for (int p = 0; p < MoveNetModel.MAX_PEOPLE; p++) {
      int o = offset + p * MoveNetBlock.MULTIPOSE_VALUES;
      double score = v[o + box + 4];
      CropRegion c = r.crop();
      int w = r.image().width();
      int h = r.image().height();
      Pose.Box b = new Pose.Box((c.xMin() + v[o + box + 1] * c.width()) * w, (c.yMin() + v[o + box] * c.height()) * h,
          (c.xMin() + v[o + box + 3] * c.width()) * w, (c.yMin() + v[o + box + 2] * c.height()) * h);
      poses.add(new Pose(keypoints(v, o, r), b, score));
    }
    return poses;
  }

  /** 17 (y, x, score) triples normalised to the crop, mapped to source pixels. */
  private static List<Keypoint> keypoints(float[] v, int offset, PoseRequest r) {
    CropRegion c = r.crop();
    int w = r.image().width();
    int h = r.image().height();
    BodyPart[] parts = BodyPart.values();
    List<Keypoint> keypoints = new ArrayList<>(parts.length);
    for (int k = 0; k < parts.length; k++) {
      double y = (c.yMin() + v[offset + 3 * k] * c.height()) * h;
      double x = (c.xMin() + v[offset + 3 * k + 1] * c.width()) * w;
      keypoints.add(new Keypoint(parts[k], x, y, v[offset + 3 * k + 2]));
    }
    return keypoints;
  }

  private static Pose.Box boxAround(List<Keypoint> keypoints) {
    double xMin = Double.POSITIVE_INFINITY;
    double yMin = Double.POSITIVE_INFINITY;
    double xMax = Double.NEGATIVE_INFINITY;
    double yMax = Double.NEGATIVE_INFINITY;
    boolean any = keypoints.stream().anyMatch(k -> k.score() >= BOX_KEYPOINT_MIN_SCORE);
    for (Keypoint k : keypoints) {
      if (!any || k.score() >= BOX_KEYPOINT_MIN_SCORE) {
        xMin = Math.min(xMin, k.x());
        yMin = Math.min(yMin, k.y());
        xMax = Math.max(xMax, k.x());
        yMax = Math.max(yMax, k.y());
      }
    }
    return new Pose.Box(xMin, yMin, xMax, yMax);
  }
}
