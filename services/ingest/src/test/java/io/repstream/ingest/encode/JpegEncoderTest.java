package io.repstream.ingest.encode;

import static org.assertj.core.api.Assertions.assertThat;

import io.repstream.ingest.Clips;
import io.repstream.ingest.config.IngestConfig;
import io.repstream.ingest.config.IngestConfig.EncoderKind;
import io.repstream.ingest.roster.Tile;
import io.repstream.ingest.source.StreamDecoder;
import io.repstream.ingest.source.StreamUrl;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class JpegEncoderTest {
  private static final int QUALITY = 85;
  /** Mean absolute difference per channel (0-255) two encodings of the same picture may differ by. */
  private static final double SAME_PICTURE_TOLERANCE = 6;

  private static final IngestConfig CONFIG = IngestConfig.withOverrides(Map.of("ingest.file.enabled", "true"));

  @Test
  void bothEncodersScaleA720pFrameToTheMaxSideAndAgreeOnItsContent() throws Exception {
    try (StreamDecoder d = open(Clips.H264_720P);
        JpegEncoder ffmpeg = JpegEncoder.create(EncoderKind.FFMPEG, Tile.whole("p"), 320, QUALITY);
        JpegEncoder imageio = JpegEncoder.create(EncoderKind.IMAGEIO, Tile.whole("p"), 320, QUALITY)) {
      StreamDecoder.Picture p = skip(d, 60);
      EncodedJpeg a = ffmpeg.encode(p.frame());
      EncodedJpeg b = imageio.encode(p.frame());
      assertThat(a.width()).isEqualTo(320);
      assertThat(a.height()).isEqualTo(180);
      assertThat(b.width()).isEqualTo(320);
      assertThat(b.height()).isEqualTo(180);
      BufferedImage ia = decode(a);
      BufferedImage ib = decode(b);
      assertThat(ia.getWidth()).isEqualTo(320);
      assertThat(ia.getHeight()).isEqualTo(180);
      assertThat(meanDifference(ia, ib)).isLessThan(SAME_PICTURE_TOLERANCE);
      // The same quality setting means comparable compression from both, so the faster one can be picked.
      assertThat((double) a.bytes().length / b.bytes().length).isBetween(0.7, 1.3);
    }
  }

  @Test
  void aSmallFrameIsNotEnlarged() throws Exception {
    try (StreamDecoder d = open(Clips.PORTRAIT_15FPS);
        JpegEncoder enc = JpegEncoder.create(EncoderKind.FFMPEG, Tile.whole("p"), 640, QUALITY)) {
      EncodedJpeg j = enc.encode(skip(d, 5).frame());
      assertThat(j.width()).isEqualTo(216);
      assertThat(j.height()).isEqualTo(320);
      assertThat(decode(j).getHeight()).isEqualTo(320);
    }
  }

  @Test
  void widthsAreWholeJpegBlocksSoEveryEncodingOfAFrameIsTheSame() throws Exception {
    // The development clips whose scaled widths ended inside a block (358 and 550 pixels) gave other poses each run.
    assertThat(TileScaler.targetSize(368, 656, 640)).containsExactly(360, 640);
    assertThat(TileScaler.targetSize(620, 720, 640)).containsExactly(552, 640);
    assertThat(TileScaler.targetSize(1280, 720, 640)).containsExactly(640, 360);
    try (StreamDecoder d = open(Clips.H264_720P);
        JpegEncoder first = JpegEncoder.create(EncoderKind.FFMPEG, Tile.whole("p"), 358, QUALITY);
        JpegEncoder second = JpegEncoder.create(EncoderKind.FFMPEG, Tile.whole("p"), 358, QUALITY)) {
      StreamDecoder.Picture p = skip(d, 30);
      EncodedJpeg a = first.encode(p.frame());
      assertThat(a.width() % TileScaler.JPEG_BLOCK).isZero();
      assertThat(second.encode(p.frame()).bytes()).isEqualTo(a.bytes());
    }
  }

  @Test
  void aTileIsTheMatchingQuarterOfTheWholePicture() throws Exception {
    try (StreamDecoder d = open(Clips.SHORT_29FPS);
        JpegEncoder whole = JpegEncoder.create(EncoderKind.FFMPEG, Tile.whole("all"), 640, QUALITY);
        JpegEncoder bottomRight = JpegEncoder.create(EncoderKind.FFMPEG, new Tile("br", 1, 1, 2, 2), 640, QUALITY)) {
      StreamDecoder.Picture p = skip(d, 30);
      BufferedImage all = decode(whole.encode(p.frame()));
      EncodedJpeg tile = bottomRight.encode(p.frame());
      assertThat(tile.width()).isEqualTo(320);
      assertThat(tile.height()).isEqualTo(180);
      BufferedImage quarter = all.getSubimage(320, 180, 320, 180);
      assertThat(meanDifference(decode(tile), quarter)).isLessThan(SAME_PICTURE_TOLERANCE);
      BufferedImage otherQuarter = all.getSubimage(0, 0, 320, 180);
      assertThat(meanDifference(decode(tile), otherQuarter)).isGreaterThan(SAME_PICTURE_TOLERANCE);
    }
  }

  @Test
  void higherQualityGivesLargerFiles() throws Exception {
    try (StreamDecoder d = open(Clips.SHORT_29FPS);
        JpegEncoder low = JpegEncoder.create(EncoderKind.FFMPEG, Tile.whole("p"), 640, 20);
        JpegEncoder high = JpegEncoder.create(EncoderKind.FFMPEG, Tile.whole("p"), 640, 95)) {
      StreamDecoder.Picture p = skip(d, 10);
      assertThat(high.encode(p.frame()).bytes().length).isGreaterThan(2 * low.encode(p.frame()).bytes().length);
    }
  }

  static StreamDecoder open(String clip) throws Exception {
    return StreamDecoder.open(StreamUrl.parse(Clips.clip(clip).toString(), Set.of(), true), false, CONFIG);
  }

  static StreamDecoder.Picture skip(StreamDecoder d, int n) throws Exception {
    StreamDecoder.Picture p = null;
    for (int i = 0; i <= n; i++) {
      p = d.next();
    }
    assertThat(p).isNotNull();
    return p;
  }

  static BufferedImage decode(EncodedJpeg j) throws IOException {
    assertThat(j.bytes()).startsWith((byte) 0xFF, (byte) 0xD8);
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(j.bytes()));
    assertThat(img).as("a JPEG ImageIO can read").isNotNull();
    return img;
  }

  static double meanDifference(BufferedImage a, BufferedImage b) {
    assertThat(a.getWidth()).isEqualTo(b.getWidth());
    assertThat(a.getHeight()).isEqualTo(b.getHeight());
    long sum = 0;
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        int p = a.getRGB(x, y);
        int q = b.getRGB(x, y);
        for (int shift = 0; shift <= 16; shift += 8) {
          sum += Math.abs(((p >> shift) & 0xFF) - ((q >> shift) & 0xFF));
        }
      }
    }
    return sum / (3.0 * a.getWidth() * a.getHeight());
  }
}
