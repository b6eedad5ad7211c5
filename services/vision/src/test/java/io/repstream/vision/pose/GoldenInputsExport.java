package io.repstream.vision.pose;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the golden frames' model inputs for the TF.js reference script (src/test/node/reference.mjs): one raw
 * file of bytes (H x W x 3) per frame and input size, plus an index. Run when the recipe changes; the commands are in
 * src/test/node/README.md.
 */
public final class GoldenInputsExport {
  private GoldenInputsExport() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: GoldenInputsExport CLIPS_DIR OUT_DIR");
      System.exit(2);
    }
    Path clips = Path.of(args[0]);
    Path out = Path.of(args[1]);
    Files.createDirectories(out);
    List<GoldenFrames.Entry> recipe = GoldenFrames.recipe();
    List<RgbImage> images = GoldenFrames.decode(clips, recipe);
    StringBuilder index = new StringBuilder("[\n");
    for (int i = 0; i < recipe.size(); i++) {
      GoldenFrames.Entry e = recipe.get(i);
      index.append(i == 0 ? "" : ",\n").append("  {\"id\": \"").append(e.id()).append("\", \"clip\": \"")
          .append(e.clip()).append("\", \"frame\": ").append(e.frame()).append(", \"inputs\": {");
      boolean first = true;
      for (int size : new int[] {MoveNetModel.LIGHTNING.inputSize(), MoveNetModel.THUNDER.inputSize()}) {
        MoveNetModel model = size == MoveNetModel.LIGHTNING.inputSize() ? MoveNetModel.LIGHTNING : MoveNetModel.THUNDER;
        int[] input = GoldenFrames.modelInput(images.get(i), model);
        byte[] bytes = new byte[input.length];
        for (int k = 0; k < input.length; k++) {
          bytes[k] = (byte) input[k];
        }
        String file = e.id().replace('@', '_') + "_" + size + ".rgb";
        Files.write(out.resolve(file), bytes);
        index.append(first ? "" : ", ").append('"').append(size).append("\": {\"file\": \"").append(file)
            .append("\", \"sha256\": \"").append(GoldenFrames.sha256(input)).append("\"}");
        first = false;
      }
      index.append("}}");
    }
    index.append("\n]\n");
    Files.writeString(out.resolve("index.json"), index.toString(), StandardCharsets.UTF_8);
    System.out.println("wrote " + recipe.size() + " frames to " + out);
  }
}
