package io.repstream.classifier;

import java.util.Optional;

/**
 * The picture size a JPEG's frame header (SOFn) announces, read without decoding anything, so a frame can be
 * refused before its pixels cost memory: a few hundred bytes can claim an image of billions of pixels.
 */
record JpegHeader(int width, int height) {
  private static final int MARKER = 0xFF;
  private static final int START_OF_IMAGE = 0xD8;
  private static final int START_OF_SCAN = 0xDA;
  private static final int FIRST_FRAME_MARKER = 0xC0;
  private static final int LAST_FRAME_MARKER = 0xCF;
  /** Markers in C0..CF that are not frame headers: Huffman tables, JPEG extensions, arithmetic conditioning. */
  private static final int DEFINE_HUFFMAN_TABLES = 0xC4;
  private static final int JPEG_EXTENSIONS = 0xC8;
  private static final int DEFINE_ARITHMETIC_CONDITIONING = 0xCC;
  /** Markers without a length field: restart markers, TEM and fill bytes. */
  private static final int FIRST_RESTART = 0xD0;
  private static final int LAST_RESTART = 0xD7;
  private static final int TEMPORARY = 0x01;
  /** A frame header's segment: length (2), precision (1), height (2), width (2). */
  private static final int FRAME_HEADER_BYTES = 7;

  long pixels() {
    return (long) width * height;
  }

  /** True where the bytes start as a JPEG does (SOI marker). */
  static boolean startsLikeJpeg(byte[] b) {
    return b.length >= 2 && (b[0] & MARKER) == MARKER && (b[1] & MARKER) == START_OF_IMAGE;
  }

  /** The frame header's size, or empty where the marker segments end or break before one. */
  static Optional<JpegHeader> read(byte[] b) {
    int i = 2;
    while (i + 3 < b.length) {
      if ((b[i] & MARKER) != MARKER) {
        return Optional.empty();
      }
      int marker = b[i + 1] & MARKER;
      if (marker == MARKER) {
        i++;
        continue;
      }
      if (marker == TEMPORARY || (marker >= FIRST_RESTART && marker <= LAST_RESTART)) {
        i += 2;
        continue;
      }
      if (marker == START_OF_SCAN) {
        return Optional.empty();
      }
      int length = (b[i + 2] & MARKER) << 8 | (b[i + 3] & MARKER);
      if (isFrameHeader(marker)) {
        if (length < FRAME_HEADER_BYTES || i + 2 + FRAME_HEADER_BYTES > b.length) {
          return Optional.empty();
        }
        int height = (b[i + 5] & MARKER) << 8 | (b[i + 6] & MARKER);
        int width = (b[i + 7] & MARKER) << 8 | (b[i + 8] & MARKER);
        return Optional.of(new JpegHeader(width, height));
      }
      i += 2 + length;
    }
    return Optional.empty();
  }

  private static boolean isFrameHeader(int marker) {
    return marker >= FIRST_FRAME_MARKER && marker <= LAST_FRAME_MARKER && marker != DEFINE_HUFFMAN_TABLES
        && marker != JPEG_EXTENSIONS && marker != DEFINE_ARITHMETIC_CONDITIONING;
  }
}
