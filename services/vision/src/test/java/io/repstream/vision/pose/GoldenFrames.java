package io.repstream.vision.pose;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * The real frames the MoveNet golden reference was computed on: the recipe (clip, frame index) lives in
 * {@code golden/movenet-frames.tsv}; the frames are decoded from the clips with FFmpeg through JavaCV, and each is
 * turned into a model input by the production crop-and-resize.
 */
final class GoldenFrames {
  static final String RECIPE = "golden/movenet-frames.tsv";
  static final String CLIPS_PROPERTY = "repstream.clips.dir";

  record Entry(String clip, int frame) {
    String id() {
      return clip.replaceFirst("\\.mp4$", "") + "@" + frame;
    }
  }

  private GoldenFrames() {}

  static List<Entry> recipe() {
    List<Entry> entries = new ArrayList<>();
    try (InputStream in = GoldenFrames.class.getClassLoader().getResourceAsStream(RECIPE);
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t");
        entries.add(new Entry(f[0], Integer.parseInt(f[1].trim())));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return entries;
  }

  /** The clips folder, or null when this machine does not have it. */
  static Path clipsDir() {
    String dir = System.getProperty(CLIPS_PROPERTY);
    if (dir == null || !Files.isDirectory(Path.of(dir))) {
      return null;
    }
    return Path.of(dir);
  }

  /** Decodes every frame of the recipe, in recipe order. */
  static List<RgbImage> decode(Path clipsDir, List<Entry> entries) {
    Map<String, TreeMap<Integer, RgbImage>> byClip = new LinkedHashMap<>();
    entries.forEach(e -> byClip.computeIfAbsent(e.clip(), c -> new TreeMap<>()).put(e.frame(), null));
    for (Map.Entry<String, TreeMap<Integer, RgbImage>> clip : byClip.entrySet()) {
      decodeFrames(clipsDir.resolve(clip.getKey()), clip.getValue());
    }
    List<RgbImage> images = new ArrayList<>();
    for (Entry e : entries) {
      images.add(byClip.get(e.clip()).get(e.frame()));
    }
    return images;
  }

  private static void decodeFrames(Path clip, TreeMap<Integer, RgbImage> wanted) {
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
      if (index <= last) {
        throw new IllegalStateException(clip + " has only " + index + " frames, the recipe wants frame " + last);
      }
    } catch (org.bytedeco.javacv.FrameGrabber.Exception e) {
      throw new IllegalStateException("cannot decode " + clip + ": " + e.getMessage(), e);
    }
  }

  /** The model input for one frame: the whole frame letterboxed to the model's square, int RGB. */
  static int[] modelInput(RgbImage image, MoveNetModel model) {
    int size = model.inputSize();
    int[] out = new int[size * size * 3];
    CropResizer.cropAndResize(image, CropRegion.fullFrame(image.width(), image.height()), size, out, 0);
    return out;
  }

  /** SHA-256 of an input as the bytes the reference script fed TF.js (one byte per value, 0..255). */
  static String sha256(int[] input) {
    byte[] bytes = new byte[input.length];
    for (int i = 0; i < input.length; i++) {
      bytes[i] = (byte) input[i];
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
