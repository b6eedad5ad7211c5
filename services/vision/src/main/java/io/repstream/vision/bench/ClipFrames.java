package io.repstream.vision.bench;

import io.repstream.common.clips.ClipLabels;
import io.repstream.media.FfmpegNatives;
import io.repstream.vision.pose.RgbImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;

/** Decodes chosen frames of video clips with FFmpeg through JavaCV, as ingest does. */
public final class ClipFrames {
  /** One frame: a clip file name and the 0-based index of the decoded video frame. */
  public record FrameRef(String clip, int frame) {
    public String id() {
      return clip.replaceFirst("\\.[^.]+$", "") + "@" + frame;
    }
  }

  private ClipFrames() {}

  /**
   * The file names of the clips listed in {@code clipsDir}'s clips.tsv, in its order: the benchmarks take their
   * frames from these, never from the clips that carry no count.
   */
  public static List<String> listedClips(Path clipsDir) {
    Path tsv = clipsDir.resolve(ClipLabels.LABELS_FILE);
    if (!Files.isRegularFile(tsv)) {
      throw new IllegalArgumentException("no " + ClipLabels.LABELS_FILE + " in " + clipsDir
          + ": the benchmarks take their frames from the clips listed there");
    }
    try {
      return ClipLabels.read(tsv).stream().map(l -> l.video().getFileName().toString()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + tsv + ": " + e.getMessage(), e);
    }
  }

  /** The frames, decoded in the order given; each clip is opened once. */
  public static List<RgbImage> decode(Path clipsDir, List<FrameRef> frames) {
    Map<String, TreeMap<Integer, RgbImage>> byClip = new LinkedHashMap<>();
    frames.forEach(f -> byClip.computeIfAbsent(f.clip(), c -> new TreeMap<>()).put(f.frame(), null));
    byClip.forEach((clip, wanted) -> decodeFrames(clipsDir.resolve(clip), wanted));
    List<RgbImage> images = new ArrayList<>();
    for (FrameRef f : frames) {
      images.add(byClip.get(f.clip()).get(f.frame()));
    }
    return images;
  }

  /** Every {@code stride}-th frame from the start of a clip, at most {@code max} of them. */
  public static List<RgbImage> sample(Path clip, int stride, int max) {
    TreeMap<Integer, RgbImage> wanted = new TreeMap<>();
    for (int i = 0; i < max; i++) {
      wanted.put(i * stride, null);
    }
    decodeFrames(clip, wanted, false);
    List<RgbImage> images = new ArrayList<>();
    wanted.values().stream().filter(java.util.Objects::nonNull).forEach(images::add);
    return images;
  }

  private static void decodeFrames(Path clip, TreeMap<Integer, RgbImage> wanted) {
    decodeFrames(clip, wanted, true);
  }

  private static void decodeFrames(Path clip, TreeMap<Integer, RgbImage> wanted, boolean allRequired) {
    FfmpegNatives.load();
    int last = wanted.lastKey();
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(clip.toFile());
        Java2DFrameConverter converter = new Java2DFrameConverter()) {
      grabber.start();
      int index = 0;
      Frame frame;
      while (index <= last && (frame = grabber.grabImage()) != null) {
        if (wanted.containsKey(index)) {
          wanted.put(index, RgbImage.of(converter.convert(frame)));
        }
        index++;
      }
      grabber.stop();
      if (allRequired && index <= last) {
        throw new IllegalArgumentException(clip + " has only " + index + " frames, frame " + last + " was asked for");
      }
    } catch (FrameGrabber.Exception e) {
      throw new IllegalArgumentException("cannot decode " + clip + ": " + e.getMessage(), e);
    }
  }
}
