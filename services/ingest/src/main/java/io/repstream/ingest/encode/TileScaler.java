package io.repstream.ingest.encode;

import static org.bytedeco.ffmpeg.global.avutil.AV_FRAME_CROP_UNALIGNED;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_apply_cropping;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_clone;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale_frame;

import io.repstream.ingest.roster.Tile;
import io.repstream.media.FfmpegErrors;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.DoublePointer;

/**
 * Cuts one participant's tile out of a decoded picture and scales it so its longer side is at most the
 * configured maximum, converting to the encoder's pixel format in the same swscale pass. One per tile and
 * thread; it keeps its conversion context and output buffer between frames.
 */
public final class TileScaler implements AutoCloseable {
  /** Buffer alignment FFmpeg's SIMD code wants. */
  private static final int ALIGN = 32;
  /** Side of a JPEG DCT block, in pixels. */
  static final int JPEG_BLOCK = 8;

  private final Tile tile;
  private final int maxSide;
  private final int outputFormat;
  private SwsContext sws;
  private AVFrame out;

  TileScaler(Tile tile, int maxSide, int outputFormat) {
    this.tile = tile;
    this.maxSide = maxSide;
    this.outputFormat = outputFormat;
  }

  /**
   * Output size for a tile of {@code w} x {@code h}: scaled down to fit {@code maxSide}, never up, with an even
   * height for 4:2:0 chroma and a width rounded to a whole number of 8-pixel blocks (which may add up to 4 pixels).
   * With a width that ends inside a block, FFmpeg's mjpeg encoder filled the block with bytes that differ from run to
   * run: a 358-pixel-wide clip's poses moved by up to 0.3 of the frame between two evals, and its count with them.
   */
  public static int[] targetSize(int w, int h, int maxSide) {
    double scale = Math.min(1.0, (double) maxSide / Math.max(w, h));
    int tw = Math.max(JPEG_BLOCK, (int) Math.round(w * scale / JPEG_BLOCK) * JPEG_BLOCK);
    int th = Math.max(2, (int) Math.round(h * scale) & ~1);
    return new int[] {tw, th};
  }

  /** The scaled tile; owned by this scaler and valid until the next call. */
  AVFrame scale(AVFrame picture) {
    int[] r = tile.rectangle(picture.width(), picture.height());
    int[] size = targetSize(r[2], r[3], maxSide);
    AVFrame cropped = av_frame_clone(picture);
    if (cropped == null) {
      throw new IllegalStateException("out of memory cloning a decoded picture");
    }
    try {
      if (r[2] != picture.width() || r[3] != picture.height()) {
        cropped.crop_left(r[0]);
        cropped.crop_top(r[1]);
        cropped.crop_right(picture.width() - r[0] - r[2]);
        cropped.crop_bottom(picture.height() - r[1] - r[3]);
        int ret = av_frame_apply_cropping(cropped, AV_FRAME_CROP_UNALIGNED);
        if (ret < 0) {
          throw new IllegalStateException("cannot crop tile " + tile + ": " + FfmpegErrors.describe(ret));
        }
      }
      ensureOutput(size[0], size[1]);
      sws = sws_getCachedContext(sws, cropped.width(), cropped.height(), cropped.format(),
          size[0], size[1], outputFormat, SWS_BILINEAR, null, null, (DoublePointer) null);
      if (sws == null) {
        throw new IllegalStateException("swscale cannot convert pixel format " + cropped.format() + " to " + outputFormat);
      }
      int ret = sws_scale_frame(sws, out, cropped);
      if (ret < 0) {
        throw new IllegalStateException("cannot scale tile " + tile + ": " + FfmpegErrors.describe(ret));
      }
      return out;
    } finally {
      av_frame_free(cropped);
    }
  }

  private void ensureOutput(int w, int h) {
    if (out != null && out.width() == w && out.height() == h) {
      return;
    }
    if (out != null) {
      av_frame_free(out);
    }
    out = av_frame_alloc();
    out.format(outputFormat);
    out.width(w);
    out.height(h);
    int ret = av_frame_get_buffer(out, ALIGN);
    if (ret < 0) {
      throw new IllegalStateException("cannot allocate a " + w + "x" + h + " picture: " + FfmpegErrors.describe(ret));
    }
  }

  @Override
  public void close() {
    if (out != null) {
      av_frame_free(out);
      out = null;
    }
    if (sws != null) {
      sws_freeContext(sws);
      sws = null;
    }
  }
}
