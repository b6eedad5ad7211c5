package io.repstream.vision.pose;

import java.awt.image.BufferedImage;
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

  public static RgbImage of(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
    byte[] rgb = new byte[w * h * 3];
    for (int i = 0; i < argb.length; i++) {
      rgb[3 * i] = (byte) (argb[i] >> 16);
      rgb[3 * i + 1] = (byte) (argb[i] >> 8);
      rgb[3 * i + 2] = (byte) argb[i];
    }
    return new RgbImage(w, h, rgb);
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
