package io.repstream.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import io.repstream.schemas.Frame;
import io.repstream.vision.pose.MoveNetModel;
import io.repstream.vision.pose.RgbImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The classify benchmark's frame stream and report on one small configuration; no timing asserted. */
class ClassifyBenchmarkTest {
  @Test
  void eachTimeStepHoldsOneFrameOfEveryParticipantInOrder() {
    RgbImage grey = new RgbImage(1280, 720, new byte[1280 * 720 * 3]);
    ClassifyBenchmark.JpegFrame frame = ClassifyBenchmark.jpeg(grey);
    assertThat(frame.width()).isEqualTo(ClassifyBenchmark.JPEG_LONGEST_SIDE);
    assertThat(frame.height()).isEqualTo(360);
    assertThat(RgbImage.decode(frame.bytes()).width()).isEqualTo(ClassifyBenchmark.JPEG_LONGEST_SIDE);

    List<List<ClassifyBenchmark.JpegFrame>> clips = List.of(List.of(frame, frame, frame), List.of(frame, frame));
    List<Frame> stream = ClassifyBenchmark.interleaved(clips, 3);
    // The shortest clip bounds the steps: 2 steps of 3 participants.
    assertThat(stream).hasSize(6);
    assertThat(stream.stream().map(f -> f.getParticipantId() + "@" + f.getSequence()).toList())
        .containsExactly("participant-0@0", "participant-1@0", "participant-2@0",
            "participant-0@1", "participant-1@1", "participant-2@1");
  }

  @Test
  void printsAFigurePerConfigurationAndTheSummaryLast() {
    String clips = System.getProperty("repstream.clips.dir");
    assumeTrue(clips != null && !clips.isBlank() && Files.isDirectory(Path.of(clips)),
        "skipped: the clips folder (repstream.clips.dir, set by the clips profile) is not set or not here");
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    List<ClassifyBenchmark.Result> results = ClassifyBenchmark.run(new ClassifyBenchmark.Options(Path.of(clips),
        Optional.empty(), List.of(MoveNetModel.LIGHTNING), List.of(8), 1, Device.cpu()),
        new PrintStream(buffer, true, StandardCharsets.UTF_8));
    String[] lines = buffer.toString(StandardCharsets.UTF_8).strip().split("\n");
    assertThat(results).hasSize(1);
    ClassifyBenchmark.Result r = results.get(0);
    assertThat(r.decodeMs()).isPositive();
    assertThat(r.poseMs()).isPositive();
    assertThat(r.decodeMs() + r.poseMs() + r.exerciseMs()).isLessThanOrEqualTo(r.msPerFrame() * 1.01);
    String number = "[0-9]+\\.[0-9]+";
    assertThat(lines).anySatisfy(l -> assertThat(l).matches("decode frames=[0-9]+ ffmpeg_cpu_ms=" + number
        + " imageio_cpu_ms=" + number));
    assertThat(lines[lines.length - 1]).matches("classify model=lightning batch=8 frames_per_s=" + number
        + " ms_per_frame=" + number + " decode_ms=" + number + " pose_ms=" + number + " model_ms=" + number
        + " cpu_ms_per_frame=" + number);
  }
}
