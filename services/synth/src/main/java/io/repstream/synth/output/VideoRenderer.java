package io.repstream.synth.output;

import io.repstream.synth.SynthSequence;
import io.repstream.synth.motion.FrameTruth;
import io.repstream.synth.render.FrameRenderer;
import java.io.IOException;
import java.nio.file.Path;

/** Renders a sequence's mannequin into an MP4 file, one video frame per labelled frame. */
public final class VideoRenderer {
  public static final String VIDEO_FILE = "video.mp4";

  private VideoRenderer() {}

  public static void write(SynthSequence seq, Path file) throws IOException {
    FrameRenderer renderer = new FrameRenderer(seq.camera(), seq.scene(), seq.workout().body());
    try (Mp4Writer out = new Mp4Writer(file, seq.camera().width(), seq.camera().height(), seq.options().fps())) {
      for (FrameTruth f : seq.workout().frames()) {
        out.write(renderer.render(f.skeleton(), f.barHeight()));
      }
    }
  }
}
