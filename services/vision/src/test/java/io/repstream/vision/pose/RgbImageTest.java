package io.repstream.vision.pose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class RgbImageTest {
  @Test
  void decodesAJpeg() throws IOException {
    BufferedImage image = new BufferedImage(8, 4, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 8; x++) {
        image.setRGB(x, y, 0x808080);
      }
    }
    ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
    ImageIO.write(image, "jpg", jpeg);
    RgbImage decoded = RgbImage.decode(jpeg.toByteArray());
    assertThat(decoded.width()).isEqualTo(8);
    assertThat(decoded.height()).isEqualTo(4);
    assertThat(decoded.channel(3, 2, 1)).isBetween(0x78, 0x88);
  }

  @Test
  void bgrRastersGiveTheSamePixelsAsTheGeneralPath() throws IOException {
    BufferedImage bgr = new BufferedImage(5, 3, BufferedImage.TYPE_3BYTE_BGR);
    BufferedImage intRgb = new BufferedImage(5, 3, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 3; y++) {
      for (int x = 0; x < 5; x++) {
        int rgb = (x * 50) << 16 | (y * 80) << 8 | (x * y * 17);
        bgr.setRGB(x, y, rgb);
        intRgb.setRGB(x, y, rgb);
      }
    }
    RgbImage fromBgr = RgbImage.of(bgr);
    assertThat(fromBgr.rgb()).isEqualTo(RgbImage.of(intRgb).rgb());
    assertThat(fromBgr.channel(4, 2, 0)).isEqualTo(200);
    assertThat(fromBgr.channel(4, 2, 1)).isEqualTo(160);
    assertThat(fromBgr.channel(4, 2, 2)).isEqualTo(136);
    // A sub-image shares its parent's buffer with an offset: the general path reads it right.
    RgbImage sub = RgbImage.of(bgr.getSubimage(1, 1, 3, 2));
    assertThat(sub.channel(0, 0, 0)).isEqualTo(50);
    assertThat(sub.channel(0, 0, 1)).isEqualTo(80);
  }

  @Test
  void corruptBytesGiveAClearError() {
    assertThatThrownBy(() -> RgbImage.decode(new byte[] {1, 2, 3, 4}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot decode image of 4 bytes");
    assertThatThrownBy(() -> RgbImage.decode(new byte[0])).hasMessageContaining("no bytes");
  }

  @Test
  void sizeMustMatchThePixels() {
    assertThatThrownBy(() -> new RgbImage(2, 2, new byte[5])).hasMessageContaining("needs 12 bytes, got 5");
  }

  @Test
  void theFullFrameCropIsASquareAroundTheCentre() {
    CropRegion wide = CropRegion.fullFrame(400, 200);
    assertThat(wide.xMin()).isEqualTo(0);
    assertThat(wide.xMax()).isEqualTo(1);
    assertThat(wide.height() * 200).isEqualTo(wide.width() * 400);
    assertThat((wide.yMin() + wide.yMax()) / 2).isEqualTo(0.5);
    CropRegion tall = CropRegion.fullFrame(200, 400);
    assertThat(tall.width() * 200).isEqualTo(tall.height() * 400);
    assertThat((tall.xMin() + tall.xMax()) / 2).isEqualTo(0.5);
  }
}
