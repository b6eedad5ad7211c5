package io.repstream.vision.pose;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/** An 8-bit RGB image, pixels row by row, channels interleaved (R, G, B). */
public record RgbImage(int width, int height, byte[] rgb) {
  public RgbImage {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
    }
    if (rgb == null || rgb.length != width * height * 3) {
      throw new IllegalArgumentException("an RGB image of " + width + "x" + height + " needs " + (width * height * 3)
          + " bytes, got " + (rgb == null ? "none" : rgb.length));
    }
  }

  /** Channel {@code c} (0 red, 1 green, 2 blue) of the pixel at column {@code x}, row {@code y}, as 0..255. */
  public int channel(int x, int y, int c) {
    return rgb[(y * width + x) * 3 + c] & 0xff;
  }

  /**
   * The pixels of {@code image}. JPEGs decode to 3-byte BGR rasters; those are reordered straight from the raster's
   * bytes, because going through {@code getRGB} converts every pixel through the colour model and costs twice
   * the JPEG decode itself (docs/benchmarks.md, end to end). Other layouts take the general path.
   */
  public static RgbImage of(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    if (isPackedBgr(image)) {
      byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
      byte[] rgb = new byte[w * h * 3];
      for (int i = 0; i < rgb.length; i += 3) {
        rgb[i] = bgr[i + 2];
        rgb[i + 1] = bgr[i + 1];
        rgb[i + 2] = bgr[i];
      }
      return new RgbImage(w, h, rgb);
    }
    int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
    byte[] rgb = new byte[w * h * 3];
    for (int i = 0; i < argb.length; i++) {
      rgb[3 * i] = (byte) (argb[i] >> 16);
      rgb[3 * i + 1] = (byte) (argb[i] >> 8);
      rgb[3 * i + 2] = (byte) argb[i];
    }
    return new RgbImage(w, h, rgb);
  }

  /** A TYPE_3BYTE_BGR image whose raster is the whole of its buffer, with no padding (not a sub-image). */
  private static boolean isPackedBgr(BufferedImage image) {
    if (image.getType() != BufferedImage.TYPE_3BYTE_BGR || !(image.getRaster().getDataBuffer() instanceof DataBufferByte buffer)
        || !(image.getSampleModel() instanceof PixelInterleavedSampleModel model)) {
      return false;
    }
    return image.getRaster().getParent() == null && buffer.getNumBanks() == 1 && buffer.getOffset() == 0
        && model.getPixelStride() == 3 && model.getScanlineStride() == image.getWidth() * 3
        && buffer.getData().length == image.getWidth() * image.getHeight() * 3;
  }

  /** Decodes a JPEG (or any format ImageIO reads); a clear error for bytes that are not an image. */
  public static RgbImage decode(byte[] encoded) {
    if (encoded == null || encoded.length == 0) {
      throw new IllegalArgumentException("cannot decode image: no bytes");
    }
    BufferedImage image;
    try {
      image = ImageIO.read(new ByteArrayInputStream(encoded));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("cannot decode image of " + encoded.length + " bytes: " + e.getMessage(), e);
    }
    if (image == null) {
      throw new IllegalArgumentException("cannot decode image of " + encoded.length + " bytes: not a JPEG or other known format");
    }
    return of(image);
  }
}
