package io.repstream.vision.pose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.repstream.vision.tfjs.TfjsGraphModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The interpreter against TF.js: each model runs on the 24 golden frames (real clips) in one batch and every output
 * value must match the reference TF.js computed on the WebAssembly backend (src/test/node/reference.mjs) within
 * 1e-3. The frames are decoded here again; their model inputs must hash to what the reference was fed.
 */
class MoveNetGoldenTest {
  private static final Logger LOG = LoggerFactory.getLogger(MoveNetGoldenTest.class);
  private static final double TOLERANCE = 1e-3;
  private static final String REFERENCE = "golden/movenet-reference.json";

  private static List<RgbImage> frames;
  private static JsonNode reference;
  private static NDManager manager;

  @BeforeAll
  static void decodeFrames() throws IOException {
    Path clips = GoldenFrames.clipsDir();
    assumeTrue(clips != null, "skipped: the clips folder (" + GoldenFrames.CLIPS_PROPERTY + "="
        + System.getProperty(GoldenFrames.CLIPS_PROPERTY) + ") is not on this machine");
    frames = GoldenFrames.decode(clips, GoldenFrames.recipe());
    try (InputStream in = MoveNetGoldenTest.class.getClassLoader().getResourceAsStream(REFERENCE)) {
      reference = new ObjectMapper().readTree(in);
    }
    manager = NDManager.newBaseManager();
  }

  @AfterAll
  static void close() {
    if (manager != null) {
      manager.close();
    }
  }

  static TfjsGraphModel loadGraph(MoveNetModel model, NDManager manager) throws IOException {
    String base = MoveNet.CLASSPATH_FOLDER + model.fileBaseName();
    return TfjsGraphModel.load(model.fileBaseName(), resource(base + ".json"), ByteBuffer.wrap(resource(base + ".bin")),
        manager.newSubManager());
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = MoveNetGoldenTest.class.getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as(name + " on the classpath").isNotNull();
      return in.readAllBytes();
    }
  }

  @ParameterizedTest
  @EnumSource(MoveNetModel.class)
  void matchesTfjsWithinTolerance(MoveNetModel model) throws IOException {
    String key = model.name().toLowerCase(Locale.ROOT);
    JsonNode refFrames = reference.path("frames");
    assertThat(refFrames.size()).isEqualTo(frames.size()).isGreaterThanOrEqualTo(20);
    int size = model.inputSize();
    int per = size * size * 3;
    int[] batch = new int[per * frames.size()];
    for (int i = 0; i < frames.size(); i++) {
      int[] input = GoldenFrames.modelInput(frames.get(i), model);
      assertThat(GoldenFrames.sha256(input))
          .as("model input of frame %s (decoder or crop-and-resize changed since the reference was made?)",
              refFrames.get(i).path("id").asText())
          .isEqualTo(refFrames.get(i).path("models").path(key).path("inputSha256").asText());
      System.arraycopy(input, 0, batch, i * per, per);
    }
    try (TfjsGraphModel graph = loadGraph(model, manager)) {
      NDArray out = graph.run(manager.create(batch, new Shape(frames.size(), size, size, 3)), manager).get(0);
      float[] actual = out.toFloatArray();
      int perFrame = actual.length / frames.size();
      double worst = 0;
      for (int i = 0; i < frames.size(); i++) {
        JsonNode expected = refFrames.get(i).path("models").path(key).path("output");
        assertThat(expected.size()).isEqualTo(perFrame);
        for (int k = 0; k < perFrame; k++) {
          double diff = Math.abs(actual[i * perFrame + k] - expected.get(k).asDouble());
          worst = Math.max(worst, diff);
          assertThat(diff)
              .as("%s frame %s value %d: java %f, tfjs %f", model, refFrames.get(i).path("id").asText(), k,
                  actual[i * perFrame + k], expected.get(k).asDouble())
              .isLessThanOrEqualTo(TOLERANCE);
        }
      }
      LOG.info("{}: {} frames, largest difference from TF.js {}", model, frames.size(), worst);
    }
  }
}
