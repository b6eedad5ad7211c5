package io.repstream.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.repstream.common.config.Settings;
import io.repstream.schemas.Frame;
import io.repstream.schemas.Prediction;
import io.repstream.vision.pose.MoveNet;
import io.repstream.vision.pose.MoveNetModel;
import io.repstream.vision.pose.Pose;
import io.repstream.vision.pose.PoseEstimator;
import io.repstream.vision.pose.RgbImage;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Two real people in one participant's stream, as when someone walks through a student's tile: two clips side by
 * side, the legs on each half hidden in turn so that the model's most confident person keeps changing sides. The
 * participant's predictions must keep following the person first chosen, as they did not when the classifier took
 * the most confident person of each frame.
 */
class MultiPersonParticipantTest {
  private static final String LEFT_CLIP = "joelo_squat.mp4";
  private static final String RIGHT_CLIP = "mrpose_squat.mp4";
  private static final int FRAMES = 6;
  /** Every so many clip frames, so the people move between test frames. */
  private static final int STEP = 5;
  /** Height both clips are scaled to before they are put side by side. */
  private static final int HEIGHT = 360;
  /**
   * Share of the frame's height greyed out at the bottom of one half: hides that person's legs, which lowers their
   * score below the other's without losing them.
   */
  private static final double HIDDEN = 0.3;
  /** Low enough that the person with hidden legs is still reported: the test is about whom to follow, not detection. */
  private static final double MIN_POSE_SCORE = 0.1;

  @Test
  void theParticipantKeepsFollowingTheSamePersonWhenTheOtherScoresHigher() throws IOException {
    List<ClipFrames.JpegFrame> left = ClipFrames.read(ClipFrames.clip(LEFT_CLIP), STEP, FRAMES);
    List<ClipFrames.JpegFrame> right = ClipFrames.read(ClipFrames.clip(RIGHT_CLIP), STEP, FRAMES);
    List<RgbImage> images = new ArrayList<>();
    for (int i = 0; i < FRAMES; i++) {
      images.add(sideBySide(left.get(i).jpeg(), right.get(i).jpeg(), i % 2 == 0));
    }
    ClassifierConfig config = ClassifierConfig.from(Settings.load(ClassifierConfig.DEFAULTS, null, Map.of())
        .with("classifier.pose.model", "multipose").with("classifier.pose.min.score", Double.toString(MIN_POSE_SCORE)));
    try (MoveNet net = MoveNet.load(MoveNetModel.MULTIPOSE, Device.cpu());
        PoseEstimator estimator = net.newEstimator(config.minPoseScore());
        FrameClassifier classifier = new FrameClassifier(net, Optional.empty(), config, new SimpleMeterRegistry())) {
      List<Boolean> reportedLeft = new ArrayList<>();
      List<Boolean> mostConfidentLeft = new ArrayList<>();
      for (int i = 0; i < FRAMES; i++) {
        RgbImage image = images.get(i);
        List<Pose> poses = estimator.estimate(image);
        assertThat(poses).as("both people found in frame %d", i).hasSizeGreaterThanOrEqualTo(2);
        Pose top = poses.stream().max(Comparator.comparingDouble(Pose::score)).orElseThrow();
        mostConfidentLeft.add(centreX(top.box()) < image.width() / 2.0);

        Prediction p = classifier.classify(List.of(frame(i, image))).get(0);
        if (p.getPose() != null) {
          io.repstream.schemas.Box box = p.getPose().getBox();
          reportedLeft.add((box.getXMin() + box.getXMax()) / 2 < 0.5);
        }
      }
      assertThat(mostConfidentLeft).as("the most confident person changes sides").contains(true, false);
      assertThat(reportedLeft).as("a pose reported in most frames").hasSizeGreaterThanOrEqualTo(FRAMES - 2);
      assertThat(reportedLeft).as("always the same side").containsOnly(reportedLeft.get(0));
    }
  }

  private static double centreX(Pose.Box b) {
    return (b.xMin() + b.xMax()) / 2;
  }

  /** The two frames scaled to one height and put side by side, the legs on one half hidden. */
  private static RgbImage sideBySide(byte[] leftJpeg, byte[] rightJpeg, boolean hideLeft) throws IOException {
    BufferedImage l = ImageIO.read(new ByteArrayInputStream(leftJpeg));
    BufferedImage r = ImageIO.read(new ByteArrayInputStream(rightJpeg));
    int lw = l.getWidth() * HEIGHT / l.getHeight();
    int rw = r.getWidth() * HEIGHT / r.getHeight();
    BufferedImage out = new BufferedImage(lw + rw, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = out.createGraphics();
    g.drawImage(l, 0, 0, lw, HEIGHT, null);
    g.drawImage(r, lw, 0, rw, HEIGHT, null);
    g.setColor(Color.GRAY);
    g.fillRect(hideLeft ? 0 : lw, (int) (HEIGHT * (1 - HIDDEN)), hideLeft ? lw : rw, HEIGHT);
    g.dispose();
    return RgbImage.of(out);
  }

  private static DecodedFrame frame(int sequence, RgbImage image) {
    Frame f = Frame.newBuilder().setClassId("gallery").setParticipantId("student").setStreamId("student")
        .setSequence(sequence).setCaptureTime(Instant.EPOCH.plusMillis(100L * sequence)).setIngestTime(Instant.EPOCH)
        .setWidth(image.width()).setHeight(image.height()).setJpeg(ByteBuffer.allocate(0)).build();
    return new DecodedFrame(f, image);
  }
}
