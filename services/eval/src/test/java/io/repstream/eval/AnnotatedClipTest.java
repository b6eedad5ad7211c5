package io.repstream.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.repstream.common.clips.ClipLabels;
import io.repstream.schemas.Box;
import io.repstream.schemas.CountMethod;
import io.repstream.schemas.Keypoint;
import io.repstream.schemas.Phase;
import io.repstream.schemas.Pose;
import io.repstream.schemas.Prediction;
import io.repstream.schemas.RepEvent;
import io.repstream.schemas.RepKind;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnnotatedClipTest {
  private static final String CLIP = "yuyoujiang_squat.mp4";
  private static final long START = 1_800_000_000_000L;
  /** H.264 smudges colours; a drawn bone still stays far greener than red or blue. */
  private static final int GREEN_MARGIN = 60;

  @Test
  void drawsTheSkeletonOnEveryFrameOfTheClip(@TempDir Path dir) throws Exception {
    Path clips = ClipLabels.developmentClipsDir().orElse(null);
    Assumptions.assumeTrue(clips != null, ClipLabels.whyNoDevelopmentClips());
    Path clip = clips.resolve(CLIP);
    // A pose whose left shoulder-to-hip bone runs down the middle of the picture, every 100 ms.
    List<Prediction> predictions = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      predictions.add(prediction(i, START + 100L * i));
    }
    RepEvent rep = RepEvent.newBuilder().setClassId("c").setParticipantId("p").setExercise("squat").setSetNumber(1)
        .setRepNumber(1).setKind(RepKind.COUNTED).setMethod(CountMethod.EXERCISE_PHASES)
        .setStartTime(Instant.ofEpochMilli(START)).setEndTime(Instant.ofEpochMilli(START + 1000))
        .setDurationMillis(1000L).setRangeOfMotion(1f).setConfidence(1f).build();
    Path out = dir.resolve("annotated.mp4");

    AnnotatedClip.write(clip, predictions, List.of(rep), out);

    int inputFrames = frames(clip, null);
    int[] green = new int[1];
    int outputFrames = frames(out, green);
    assertThat(outputFrames).isEqualTo(inputFrames);
    assertThat(green[0]).as("frames with the bone drawn where the pose puts it").isGreaterThan(outputFrames * 9 / 10);
  }

  private static int frames(Path video, int[] greenBone) throws Exception {
    int n = 0;
    try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(video.toFile()); Java2DFrameConverter c = new Java2DFrameConverter()) {
      g.start();
      Frame f;
      while ((f = g.grabImage()) != null) {
        n++;
        if (greenBone != null) {
          BufferedImage img = c.convert(f);
          int rgb = img.getRGB(img.getWidth() / 2, img.getHeight() / 2);
          int r = (rgb >> 16) & 0xff;
          int gr = (rgb >> 8) & 0xff;
          int b = rgb & 0xff;
          if (gr - Math.max(r, b) > GREEN_MARGIN) {
            greenBone[0]++;
          }
        }
      }
      g.stop();
    }
    return n;
  }

  private static Prediction prediction(long seq, long capture) {
    List<Keypoint> kps = new ArrayList<>();
    for (int k = 0; k < 17; k++) {
      kps.add(new Keypoint(0.1f, 0.1f, 0f));
    }
    kps.set(5, new Keypoint(0.5f, 0.3f, 0.9f));
    kps.set(11, new Keypoint(0.5f, 0.7f, 0.9f));
    Pose pose = new Pose(new Box(0.4f, 0.2f, 0.6f, 0.8f), 0.9f, kps);
    return Prediction.newBuilder().setClassId("c").setParticipantId("p").setStreamId("s").setSequence(seq)
        .setCaptureTime(Instant.ofEpochMilli(capture)).setIngestTime(Instant.ofEpochMilli(capture))
        .setPredictTime(Instant.ofEpochMilli(capture)).setPose(pose).setExercise("squat").setExerciseProbabilities(List.of())
        .setPhase(Phase.TOP).setPhaseProbabilities(List.of()).setModelName("test").setModelVersion("1").setInferenceMillis(1f)
        .build();
  }
}
