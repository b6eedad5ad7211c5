package io.repstream.classifier;

import io.repstream.vision.pose.RgbImage;

/**
 * Turns a frame's JPEG into pixels, refusing before any pixel is decoded what would hurt the worker: too
 * many bytes, bytes that are not a JPEG, or a header announcing more pixels than configured (a small file can
 * claim a huge image). Decodes with FFmpeg ({@link MjpegDecoder}), whose native context is not thread-safe: one
 * FrameDecoder per thread, closed when done.
 */
final class FrameDecoder implements AutoCloseable {
  private final int maxBytes;
  private final long maxPixels;
  private final MjpegDecoder mjpeg;

  FrameDecoder(int maxBytes, long maxPixels) {
    this.maxBytes = maxBytes;
    this.maxPixels = maxPixels;
    this.mjpeg = new MjpegDecoder(maxPixels);
  }

  /** The image, or an {@link UndecodableFrameException} saying why not. */
  RgbImage decode(byte[] jpeg) {
    if (jpeg.length == 0) {
      throw new UndecodableFrameException("frame has no JPEG bytes");
    }
    if (jpeg.length > maxBytes) {
      throw new UndecodableFrameException("frame JPEG has " + jpeg.length + " bytes, more than the " + maxBytes + " allowed");
    }
    if (!JpegHeader.startsLikeJpeg(jpeg)) {
      throw new UndecodableFrameException("frame bytes are not a JPEG (they do not start with a JPEG start-of-image marker)");
    }
    JpegHeader header = JpegHeader.read(jpeg).orElseThrow(() -> new UndecodableFrameException("frame JPEG of "
        + jpeg.length + " bytes does not decode: no frame header with the picture size before the image data"));
    if (header.pixels() > maxPixels) {
      throw new UndecodableFrameException("frame claims " + header.width() + "x" + header.height()
          + " pixels, more than the " + maxPixels + " allowed");
    }
    return mjpeg.decode(jpeg);
  }

  @Override
  public void close() {
    mjpeg.close();
  }

  /** Why a frame cannot be classified; the frame goes to the dead-letter topic with this message. */
  static final class UndecodableFrameException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UndecodableFrameException(String message) {
      super(message);
    }
  }
}
