package io.repstream.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.repstream.common.config.Settings;
import io.repstream.schemas.Frame;
import io.repstream.schemas.Keypoint;
import io.repstream.schemas.Prediction;
import io.repstream.vision.pose.MoveNet;
import io.repstream.vision.pose.MoveNetModel;
import io.repstream.vision.pose.RgbImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * A participant's tracking crop comes from their previous frame. When frames pile up (a worker catching up, the
 * evaluation playing files faster than real time) one batch holds several frames of the same participant; each must
 * still be cropped where the frame before it put the person, so the poses are those of frame-by-frame tracking,
 * however the frames happened to be batched.
 */
class FrameClassifierTest {
  private static final int FRAMES = 6;
  /** Every so many clip frames, so the person moves between test frames. */
  private static final int STEP = 4;
  /** Keypoints are normalised to the frame; batch and single runs differ only by floating-point rounding. */
  private static final float SAME_POSITION = 1e-3f;

  @Test
  void aBacklogInOneBatchIsTrackedAsFrameByFrame() throws IOException {
    List<DecodedFrame> squat = frames("squatter", ClipFrames.read(ClipFrames.clip("joelo_squat.mp4"), STEP, FRAMES));
    List<DecodedFrame> other = frames("other", ClipFrames.read(ClipFrames.clip("mrpose_squat.mp4"), STEP, FRAMES));
    ClassifierConfig config = ClassifierConfig.from(Settings.load(ClassifierConfig.DEFAULTS, null, Map.of()));
    try (MoveNet net = MoveNet.load(MoveNetModel.LIGHTNING, Device.cpu());
        FrameClassifier oneByOne = new FrameClassifier(net, Optional.empty(), config, new SimpleMeterRegistry());
        FrameClassifier batched = new FrameClassifier(net, Optional.empty(), config, new SimpleMeterRegistry())) {
      List<Prediction> expected = new ArrayList<>();
      for (int i = 0; i < FRAMES; i++) {
        expected.addAll(oneByOne.classify(List.of(squat.get(i))));
        expected.addAll(oneByOne.classify(List.of(other.get(i))));
      }
      List<DecodedFrame> backlog = new ArrayList<>(squat);
      backlog.addAll(other);
      List<Prediction> actual = batched.classify(backlog);

      assertThat(actual).hasSize(2 * FRAMES);
      for (Prediction a : actual) {
        Prediction e = expected.stream()
            .filter(x -> x.getParticipantId().equals(a.getParticipantId()) && x.getSequence() == a.getSequence())
            .findFirst().orElseThrow();
        String what = a.getParticipantId() + " frame " + a.getSequence();
        assertThat(a.getPose() == null).as("pose found in %s", what).isEqualTo(e.getPose() == null);
        if (a.getPose() == null) {
          continue;
        }
        for (int k = 0; k < e.getPose().getKeypoints().size(); k++) {
          Keypoint ka = a.getPose().getKeypoints().get(k);
          Keypoint ke = e.getPose().getKeypoints().get(k);
          assertThat(ka.getX()).as("%s keypoint %d x", what, k).isCloseTo(ke.getX(), within(SAME_POSITION));
          assertThat(ka.getY()).as("%s keypoint %d y", what, k).isCloseTo(ke.getY(), within(SAME_POSITION));
        }
      }
    }
  }

  private static List<DecodedFrame> frames(String participant, List<ClipFrames.JpegFrame> jpegs) throws IOException {
    List<DecodedFrame> out = new ArrayList<>();
    for (int i = 0; i < jpegs.size(); i++) {
      RgbImage image = RgbImage.of(ImageIO.read(new ByteArrayInputStream(jpegs.get(i).jpeg())));
      Frame f = Frame.newBuilder().setClassId("class").setParticipantId(participant).setStreamId(participant)
          .setSequence(i).setCaptureTime(Instant.EPOCH.plusMillis(100L * i)).setIngestTime(Instant.EPOCH)
          .setWidth(image.width()).setHeight(image.height()).setJpeg(ByteBuffer.allocate(0)).build();
      out.add(new DecodedFrame(f, image));
    }
    return out;
  }
}
