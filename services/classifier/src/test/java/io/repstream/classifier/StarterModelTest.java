package io.repstream.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.repstream.common.config.Settings;
import io.repstream.exercise.ExercisePhaseModel;
import io.repstream.exercise.ModelMetadata;
import io.repstream.exercise.PoseFeatures;
import io.repstream.schemas.Frame;
import io.repstream.schemas.Prediction;
import io.repstream.vision.pose.MoveNet;
import io.repstream.vision.pose.MoveNetModel;
import io.repstream.vision.pose.RgbImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The starter model the project ships (models/starter, made by {@code repstream train}) loads in the classifier
 * and labels real frames, run through the classifier's own pose path, with the exercise being done.
 */
class StarterModelTest {
  /** Where the shipped model lives, relative to the repository root. */
  private static final Path STARTER_MODEL = Path.of("models", "starter");
  /** About the classifier's 10 frames a second from these 30 fps clips. */
  private static final int STEP = 3;
  private static final int FRAMES = 40;
  /** Single frames at a set's edges are ambiguous; the counter votes over time. Most frames must be right. */
  private static final double MOST = 0.7;

  private static MoveNet moveNet;
  private static ExercisePhaseModel model;

  @BeforeAll
  static void load() {
    // What the classifier service does with classifier.exercise.model: a wrong feature version fails here.
    model = ExercisePhaseModel.load(starterModel(), Device.cpu());
    moveNet = MoveNet.load(MoveNetModel.LIGHTNING, Device.cpu());
  }

  @AfterAll
  static void close() {
    moveNet.close();
    model.close();
  }

  @Test
  void theShippedModelSpeaksPoseFeaturesThisVersionComputes() {
    assertThat(PoseFeatures.understands(model.metadata().featureVersion())).as("feature version %d",
        model.metadata().featureVersion()).isTrue();
    assertThat(model.metadata().exercises()).contains("none", "squat", "push_up", "pull_up", "biceps_curl");
    // It learnt lightning's poses of the clips (held out better than thunder's), whatever the classifier runs.
    assertThat(model.metadata().trainingData()).containsEntry(ModelMetadata.POSE_MODEL, MoveNetModel.LIGHTNING.fileBaseName());
    assertThat(starterModel().resolve("MODEL_CARD.md")).isRegularFile();
  }

  /**
   * Two clips the model was trained on, and one it never saw: wissem_bicepcurl is in the clips folder but not in
   * clips.tsv, so no {@code repstream train --videos} run read it.
   */
  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({"yuyoujiang_squat.mp4, squat", "tayyab_pushup2.mp4, push_up", "wissem_bicepcurl.mp4, biceps_curl"})
  void realFramesOfAClipAreLabelledWithItsExercise(String clip, String exercise) throws IOException {
    List<ClipFrames.JpegFrame> frames = ClipFrames.read(ClipFrames.clip(clip), STEP, FRAMES);
    ClassifierConfig config = ClassifierConfig.from(Settings.load(ClassifierConfig.DEFAULTS, null, Map.of()));
    Map<String, Integer> labels = new HashMap<>();
    try (FrameClassifier classifier = new FrameClassifier(moveNet, Optional.of(model), config, new SimpleMeterRegistry())) {
      for (int i = 0; i < frames.size(); i++) {
        Prediction p = classifier.classify(List.of(frame(i, frames.get(i)))).get(0);
        labels.merge(p.getExercise(), 1, Integer::sum);
      }
    }
    assertThat(labels.getOrDefault(exercise, 0)).as("frames of %s labelled %s: %s", clip, exercise, labels)
        .isGreaterThanOrEqualTo((int) Math.ceil(MOST * frames.size()));
  }

  /** The model folder, found from the module the test runs in by walking up to the repository root. */
  private static Path starterModel() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(STARTER_MODEL).resolve(ExercisePhaseModel.METADATA_FILE))) {
        return dir.resolve(STARTER_MODEL);
      }
    }
    throw new AssertionError("no " + STARTER_MODEL + " above " + Path.of("").toAbsolutePath() + ": the starter model must ship");
  }

  private static DecodedFrame frame(int sequence, ClipFrames.JpegFrame jpeg) throws IOException {
    RgbImage image = RgbImage.of(ImageIO.read(new ByteArrayInputStream(jpeg.jpeg())));
    Frame f = Frame.newBuilder().setClassId("class").setParticipantId("student").setStreamId("student")
        .setSequence(sequence).setCaptureTime(Instant.EPOCH.plusMillis(100L * sequence)).setIngestTime(Instant.EPOCH)
        .setWidth(image.width()).setHeight(image.height()).setJpeg(ByteBuffer.allocate(0)).build();
    return new DecodedFrame(f, image);
  }
}
