package io.repstream.classifier;

import io.repstream.vision.pose.RgbImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Turns a frame's JPEG into pixels, refusing before any pixel is decoded what would hurt the worker: too
 * many bytes, or a header announcing more pixels than configured (a small file can claim a huge image).
 */
final class FrameDecoder {
  private final int maxBytes;
  private final long maxPixels;

  FrameDecoder(int maxBytes, long maxPixels) {
    this.maxBytes = maxBytes;
    this.maxPixels = maxPixels;
  }

  /** The image, or an {@link UndecodableFrameException} saying why not. */
  RgbImage decode(byte[] jpeg) {
    if (jpeg.length == 0) {
      throw new UndecodableFrameException("frame has no JPEG bytes");
    }
    if (jpeg.length > maxBytes) {
      throw new UndecodableFrameException("frame JPEG has " + jpeg.length + " bytes, more than the " + maxBytes + " allowed");
    }
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new UndecodableFrameException("frame bytes are not a JPEG or other known image format");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
        if (pixels > maxPixels) {
          throw new UndecodableFrameException("frame claims " + reader.getWidth(0) + "x" + reader.getHeight(0)
              + " pixels, more than the " + maxPixels + " allowed");
        }
        return RgbImage.of(reader.read(0));
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof UndecodableFrameException u) {
        throw u;
      }
      throw new UndecodableFrameException("frame JPEG of " + jpeg.length + " bytes does not decode: " + e.getMessage());
    }
  }

  /** Why a frame cannot be classified; the frame goes to the dead-letter topic with this message. */
  static final class UndecodableFrameException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UndecodableFrameException(String message) {
      super(message);
    }
  }
}
