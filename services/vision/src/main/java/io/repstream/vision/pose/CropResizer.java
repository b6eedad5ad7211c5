package io.repstream.vision.pose;

/**
 * Cuts a crop region out of an image and resizes it to the model's square input with bilinear sampling, with
 * TensorFlow's {@code crop_and_resize} sampling grid (corners of the region map to the outer pixel centres) and
 * black outside the image, then truncates to integers as the TF.js MoveNet pipeline does.
 */
public final class CropResizer {
  private CropResizer() {}

  /** The model input for a whole image letterboxed to a square of {@code size}: HWC int values 0..255. */
  public static int[] letterboxed(RgbImage image, int size) {
    int[] out = new int[size * size * 3];
    cropAndResize(image, CropRegion.fullFrame(image.width(), image.height()), size, out, 0);
    return out;
  }

  /** Writes {@code size * size * 3} values (HWC order) for one image into {@code out} at {@code offset}. */
  public static void cropAndResize(RgbImage image, CropRegion crop, int size, int[] out, int offset) {
    int h = image.height();
    int w = image.width();
    float[] ys = grid((float) crop.yMin(), (float) crop.yMax(), h, size);
    float[] xs = grid((float) crop.xMin(), (float) crop.xMax(), w, size);
    int o = offset;
    for (int oy = 0; oy < size; oy++) {
      float iy = ys[oy];
      if (iy < 0 || iy > h - 1) {
        for (int k = 0; k < size * 3; k++) {
          out[o++] = 0;
        }
        continue;
      }
      int top = (int) Math.floor(iy);
      int bottom = (int) Math.ceil(iy);
      float yLerp = iy - top;
      for (int ox = 0; ox < size; ox++) {
        float ix = xs[ox];
        if (ix < 0 || ix > w - 1) {
          out[o++] = 0;
          out[o++] = 0;
          out[o++] = 0;
          continue;
        }
        int left = (int) Math.floor(ix);
        int right = (int) Math.ceil(ix);
        float xLerp = ix - left;
        for (int c = 0; c < 3; c++) {
          float tl = image.channel(left, top, c);
          float tr = image.channel(right, top, c);
          float bl = image.channel(left, bottom, c);
          float br = image.channel(right, bottom, c);
          float topRow = tl + (tr - tl) * xLerp;
          float bottomRow = bl + (br - bl) * xLerp;
          out[o++] = (int) (topRow + (bottomRow - topRow) * yLerp);
        }
      }
    }
  }

  /** Source coordinates (in pixels) of each output row or column. */
  private static float[] grid(float from, float to, int sourceSize, int size) {
    float[] g = new float[size];
    for (int i = 0; i < size; i++) {
      g[i] = size > 1
          ? from * (sourceSize - 1) + i * (to - from) * (sourceSize - 1) / (size - 1)
          : 0.5f * (from + to) * (sourceSize - 1);
    }
    return g;
  }
}
