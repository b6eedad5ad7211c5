package io.repstream.vision.pose;

import io.repstream.vision.bench.ClipFrames;
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
import java.util.List;

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

  /** The clips folder (set by the build's clips profile), or null when it is not set or not on this machine. */
  static Path clipsDir() {
    String dir = System.getProperty(CLIPS_PROPERTY);
    if (dir == null || dir.isBlank() || !Files.isDirectory(Path.of(dir))) {
      return null;
    }
    return Path.of(dir);
  }

  /** Decodes every frame of the recipe, in recipe order. */
  static List<RgbImage> decode(Path clipsDir, List<Entry> entries) {
    List<ClipFrames.FrameRef> refs = new ArrayList<>();
    entries.forEach(e -> refs.add(new ClipFrames.FrameRef(e.clip(), e.frame())));
    return ClipFrames.decode(clipsDir, refs);
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
