package io.repstream.ingest;

import io.repstream.common.clips.ClipLabels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The real development clips the tests play; a test skips with the reason when they are not on this machine. */
public final class Clips {
  /** 4.3 s, MPEG-4 part 2, 640x360 at 29 fps: short enough to stream live in tests. */
  public static final String SHORT_29FPS = "023_fitness.mp4";
  /** 37.8 s, MPEG-4 part 2, portrait 216x320 at 15 fps: a source slower than some sampling rates. */
  public static final String PORTRAIT_15FPS = "060_jumping_rope.mp4";
  /** 22.7 s, H.264, 640x360 at 23.976 fps (NTSC film rate, non-integer frame times). */
  public static final String H264_NTSC = "joelo_landmine_thruster.mp4";
  /** 9.5 s, H.264, 640x360 at 24 fps: H.264 carries its parameter sets in-band, as live MPEG-TS needs. */
  public static final String H264_SHORT = "thchen_crunch.mp4";
  /** 11.6 s, H.264, 1280x720 at 30 fps. */
  public static final String H264_720P = "jrplatin_dumbbellcurl.mp4";

  private Clips() {}

  public static Path clip(String name) {
    Path dir = ClipLabels.developmentClipsDir().orElse(null);
    Assumptions.assumeTrue(dir != null, ClipLabels.whyNoDevelopmentClips());
    Path clip = dir.resolve(name);
    Assumptions.assumeTrue(Files.isRegularFile(clip), "development clip " + clip + " is missing");
    return clip;
  }
}
