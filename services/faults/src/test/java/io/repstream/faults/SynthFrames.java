package io.repstream.faults;

import io.repstream.schemas.Frame;
import io.repstream.schemas.RepKind;
import io.repstream.synth.SequenceGenerator;
import io.repstream.synth.SynthOptions;
import io.repstream.synth.SynthSequence;
import io.repstream.synth.motion.FrameTruth;
import io.repstream.synth.motion.TempoModel;
import io.repstream.synth.motion.WorkoutScript;
import io.repstream.synth.noise.KeypointNoise;
import io.repstream.synth.render.FrameRenderer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * JPEG frames of synth's rendered mannequin, as ingest would publish them: small pictures at a low frame rate, so
 * pose estimation on a two-core machine gets through a class in seconds.
 */
final class SynthFrames {
  private static final int WIDTH = 256;
  private static final int HEIGHT = 192;

  /** The frames, and how many reps synth says the mannequin completed in them. */
  record Rendered(List<Frame> frames, long countedReps) {}

  private SynthFrames() {}

  static Rendered render(String classId, String participantId, String script, long seed, double fps, Instant start) {
    SynthOptions options = new SynthOptions(WorkoutScript.parse(script), seed, fps, WIDTH, HEIGHT, TempoModel.STEADY,
        KeypointNoise.NONE);
    SynthSequence seq = new SequenceGenerator().generate(options);
    FrameRenderer renderer = new FrameRenderer(seq.camera(), seq.scene(), seq.workout().body());
    List<Frame> out = new ArrayList<>();
    Instant now = Instant.now();
    for (FrameTruth t : seq.workout().frames()) {
      ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
      try {
        ImageIO.write(renderer.render(t.skeleton(), t.barHeight()), "jpg", jpeg);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      out.add(Frame.newBuilder().setClassId(classId).setParticipantId(participantId).setStreamId("stream-" + participantId)
          .setSequence(t.frame()).setCaptureTime(start.plusMillis(Math.round(t.seconds() * 1000))).setIngestTime(now)
          .setWidth(WIDTH).setHeight(HEIGHT).setJpeg(ByteBuffer.wrap(jpeg.toByteArray())).build());
    }
    return new Rendered(out, seq.workout().reps().stream().filter(r -> r.kind() == RepKind.COUNTED).count());
  }
}
