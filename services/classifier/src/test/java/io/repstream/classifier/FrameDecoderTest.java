package io.repstream.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.repstream.classifier.FrameDecoder.UndecodableFrameException;
import io.repstream.vision.pose.RgbImage;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a frame's JPEG may hold, and what the classifier refuses before it spends memory on it. */
class FrameDecoderTest {
  private static final int MAX_BYTES = 256 * 1024;
  private static final long MAX_PIXELS = 1920L * 1080;
  /** Enough mutated frames to reach ImageIO's error paths, few enough to finish in a couple of seconds. */
  private static final int FUZZ_ROUNDS = 2_000;

  private final FrameDecoder decoder = new FrameDecoder(MAX_BYTES, MAX_PIXELS);

  @AfterEach
  void closeDecoder() {
    decoder.close();
  }

  private static byte[] jpeg(int width, int height) throws IOException {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.ORANGE);
    g.fillRect(0, 0, width / 2, height);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "jpg", out);
    return out.toByteArray();
  }

  /** The JPEG with its frame header (SOF0) claiming another size; the compressed data stays that of the small one. */
  private static byte[] claimingSize(byte[] jpeg, int width, int height) {
    byte[] b = jpeg.clone();
    for (int i = 0; i + 8 < b.length; i++) {
      if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0xC0) {
        b[i + 5] = (byte) (height >> 8);
        b[i + 6] = (byte) height;
        b[i + 7] = (byte) (width >> 8);
        b[i + 8] = (byte) width;
        return b;
      }
    }
    throw new IllegalStateException("no SOF0 marker in the test JPEG");
  }

  @Test
  void aGoodFrameDecodesToItsPixels() throws Exception {
    RgbImage img = decoder.decode(jpeg(64, 48));
    assertThat(img.width()).isEqualTo(64);
    assertThat(img.height()).isEqualTo(48);
    // Left half orange (255, 200, 0), right half black, in R, G, B order; JPEG is lossy, so within a few levels.
    assertThat(img.channel(8, 24, 0)).isBetween(245, 255);
    assertThat(img.channel(8, 24, 1)).isBetween(190, 210);
    assertThat(img.channel(8, 24, 2)).isBetween(0, 12);
    for (int c = 0; c < 3; c++) {
      assertThat(img.channel(56, 24, c)).isBetween(0, 12);
    }
  }

  @Test
  void decodesTheSamePixelsAsTheJdkReaderWithinJpegRounding() throws Exception {
    BufferedImage gradient = new BufferedImage(96, 64, BufferedImage.TYPE_3BYTE_BGR);
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 96; x++) {
        gradient.setRGB(x, y, (x * 255 / 95) << 16 | (y * 255 / 63) << 8 | 128);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(gradient, "jpg", out);
    RgbImage ours = decoder.decode(out.toByteArray());
    RgbImage jdk = RgbImage.decode(out.toByteArray());
    int worst = 0;
    for (int i = 0; i < ours.rgb().length; i++) {
      worst = Math.max(worst, Math.abs((ours.rgb()[i] & 0xff) - (jdk.rgb()[i] & 0xff)));
    }
    // Both decoders upsample chroma and convert YCbCr their own way; a pose model cannot tell a few levels apart.
    assertThat(worst).isLessThanOrEqualTo(8);
  }

  @Test
  void aHeaderClaimingAHugeImageIsRefusedBeforeDecoding() throws Exception {
    byte[] bomb = claimingSize(jpeg(64, 48), 60_000, 60_000);
    assertThat(bomb.length).isLessThan(2_000);
    assertThatThrownBy(() -> decoder.decode(bomb)).isInstanceOf(UndecodableFrameException.class)
        .hasMessage("frame claims 60000x60000 pixels, more than the " + MAX_PIXELS + " allowed");
  }

  @Test
  void tooManyBytesNoBytesAndNotAnImageAreRefusedWithTheReason() throws Exception {
    assertThatThrownBy(() -> decoder.decode(new byte[MAX_BYTES + 1])).isInstanceOf(UndecodableFrameException.class)
        .hasMessageContaining("has " + (MAX_BYTES + 1) + " bytes, more than the " + MAX_BYTES + " allowed");
    assertThatThrownBy(() -> decoder.decode(new byte[0])).hasMessage("frame has no JPEG bytes");
    byte[] random = new byte[4096];
    new Random(1).nextBytes(random);
    assertThatThrownBy(() -> decoder.decode(random)).isInstanceOf(UndecodableFrameException.class)
        .hasMessageContaining("not a JPEG");
    byte[] headerOnly = Arrays.copyOf(jpeg(64, 48), 20);
    assertThatThrownBy(() -> decoder.decode(headerOnly)).isInstanceOf(UndecodableFrameException.class)
        .hasMessageContaining("does not decode");
  }

  @Test
  void aJpegCutOffInItsImageDataIsRefusedWithWhatFfmpegFoundWrong() throws Exception {
    byte[] good = jpeg(96, 64);
    byte[] cut = Arrays.copyOf(good, imageDataStart(good) + 4);
    assertThatThrownBy(() -> decoder.decode(cut)).isInstanceOf(UndecodableFrameException.class)
        .hasMessage("frame JPEG of " + cut.length + " bytes does not decode: Invalid data found when processing input: "
            + "[mjpeg] overread 8");
    // The next frame on this thread is not blamed for the last one's error.
    assertThat(decoder.decode(good).width()).isEqualTo(96);
  }

  /** Where the entropy-coded image data begins: just past the start-of-scan (SOS) segment. */
  private static int imageDataStart(byte[] jpeg) {
    for (int i = 0; i + 3 < jpeg.length; i++) {
      if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xDA) {
        return i + 2 + (((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF));
      }
    }
    throw new IllegalStateException("no SOS marker in the test JPEG");
  }

  @Test
  void mutatedAndTruncatedJpegsEitherDecodeOrAreRefusedNeverAnythingElse() throws Exception {
    byte[] good = jpeg(96, 64);
    Random random = new Random(20261130);
    int refused = 0;
    for (int round = 0; round < FUZZ_ROUNDS; round++) {
      byte[] b = good.clone();
      int flips = 1 + random.nextInt(8);
      for (int i = 0; i < flips; i++) {
        b[random.nextInt(b.length)] = (byte) random.nextInt(256);
      }
      if (random.nextBoolean()) {
        b = Arrays.copyOf(b, 1 + random.nextInt(b.length));
      }
      try {
        RgbImage img = decoder.decode(b);
        assertThat((long) img.width() * img.height()).isLessThanOrEqualTo(MAX_PIXELS);
      } catch (UndecodableFrameException e) {
        assertThat(e.getMessage()).isNotBlank();
        refused++;
      }
    }
    // The loop must have reached the refusal paths, or it tested nothing.
    assertThat(refused).isGreaterThan(FUZZ_ROUNDS / 10);
  }
}
