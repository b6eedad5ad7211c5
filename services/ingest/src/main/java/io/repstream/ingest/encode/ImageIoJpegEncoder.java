package io.repstream.ingest.encode;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;

import io.repstream.ingest.roster.Tile;
import io.repstream.media.FfmpegNatives;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/** JPEG through the JDK's ImageIO writer, kept as the baseline the FFmpeg encoder is measured against. */
final class ImageIoJpegEncoder implements JpegEncoder {
  private static final int BGR_CHANNELS = 3;
  private static final int INITIAL_BUFFER = 64 * 1024;

  private final TileScaler scaler;
  private final float quality;
  private final ImageWriter writer;
  private final ImageWriteParam param;
  private BufferedImage image;

  ImageIoJpegEncoder(Tile tile, int maxSide, int quality) {
    FfmpegNatives.load();
    this.scaler = new TileScaler(tile, maxSide, AV_PIX_FMT_BGR24);
    this.quality = quality / 100f;
    this.writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    this.param = writer.getDefaultWriteParam();
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(this.quality);
  }

  @Override
  public EncodedJpeg encode(AVFrame picture) {
    AVFrame bgr = scaler.scale(picture);
    int w = bgr.width();
    int h = bgr.height();
    if (image == null || image.getWidth() != w || image.getHeight() != h) {
      image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    }
    byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    int rowBytes = w * BGR_CHANNELS;
    int stride = bgr.linesize(0);
    for (int y = 0; y < h; y++) {
      bgr.data(0).position((long) y * stride).get(pixels, y * rowBytes, rowBytes);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(INITIAL_BUFFER);
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException("ImageIO could not encode a JPEG", e);
    }
    return new EncodedJpeg(bytes.toByteArray(), w, h);
  }

  @Override
  public void close() {
    scaler.close();
    writer.dispose();
  }
}
