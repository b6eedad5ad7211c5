package io.repstream.ingest.encode;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_QSCALE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.FF_QP2LAMBDA;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import io.repstream.ingest.roster.Tile;
import io.repstream.media.FfmpegErrors;
import io.repstream.media.FfmpegNatives;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVDictionary;

/**
 * JPEG through FFmpeg's mjpeg encoder on full-range 4:2:0 YUV: the decoder's YUV goes straight to the
 * encoder with one swscale pass and no RGB step. Measured faster than ImageIO (docs/benchmarks.md).
 */
final class FfmpegJpegEncoder implements JpegEncoder {
  /** mjpeg's quantiser scale: 2 is best, 31 worst. */
  private static final int BEST_QSCALE = 2;
  private static final int WORST_QSCALE = 31;
  /** The qscale at which mjpeg uses the standard tables unscaled. */
  private static final double QSCALE_UNIT = 8;
  private static final int HALF_QUALITY = 50;
  /** mjpeg needs a time base though every picture stands alone. */
  private static final int TIME_BASE_DEN = 25;

  private final TileScaler scaler;
  private final int qscale;
  private AVCodecContext codec;
  private final AVPacket packet;

  FfmpegJpegEncoder(Tile tile, int maxSide, int quality) {
    FfmpegNatives.load();
    this.scaler = new TileScaler(tile, maxSide, AV_PIX_FMT_YUVJ420P);
    this.qscale = qscale(quality);
    this.packet = av_packet_alloc();
  }

  /**
   * Maps JPEG quality 1..100 onto mjpeg's quantiser scale the way libjpeg (and so ImageIO) scales its tables:
   * libjpeg multiplies the standard tables by {@code 200 - 2q} percent above quality 50 and {@code 5000 / q}
   * percent below, and mjpeg multiplies them by {@code qscale / 8}. Quality 80 is qscale 3.
   */
  static int qscale(int quality) {
    double percent = quality >= HALF_QUALITY ? 200 - 2.0 * quality : 5000.0 / quality;
    return (int) Math.max(BEST_QSCALE, Math.min(WORST_QSCALE, Math.round(percent * QSCALE_UNIT / 100)));
  }

  @Override
  public EncodedJpeg encode(AVFrame picture) {
    AVFrame scaled = scaler.scale(picture);
    ensureCodec(scaled.width(), scaled.height());
    scaled.quality(qscale * FF_QP2LAMBDA);
    scaled.color_range(AVCOL_RANGE_JPEG);
    int ret = avcodec_send_frame(codec, scaled);
    if (ret < 0) {
      throw new IllegalStateException("mjpeg encoder refused a picture: " + FfmpegErrors.describe(ret));
    }
    ret = avcodec_receive_packet(codec, packet);
    if (ret < 0) {
      throw new IllegalStateException("mjpeg encoder produced no picture: " + FfmpegErrors.describe(ret));
    }
    try {
      byte[] bytes = new byte[packet.size()];
      packet.data().capacity(packet.size()).get(bytes);
      return new EncodedJpeg(bytes, scaled.width(), scaled.height());
    } finally {
      av_packet_unref(packet);
    }
  }

  private void ensureCodec(int w, int h) {
    if (codec != null && codec.width() == w && codec.height() == h) {
      return;
    }
    if (codec != null) {
      avcodec_free_context(codec);
    }
    AVCodec mjpeg = avcodec_find_encoder(AV_CODEC_ID_MJPEG);
    if (mjpeg == null) {
      throw new IllegalStateException("this FFmpeg build has no mjpeg encoder");
    }
    codec = avcodec_alloc_context3(mjpeg);
    codec.width(w);
    codec.height(h);
    codec.pix_fmt(AV_PIX_FMT_YUVJ420P);
    codec.color_range(AVCOL_RANGE_JPEG);
    codec.time_base(av_make_q(1, TIME_BASE_DEN));
    codec.flags(codec.flags() | AV_CODEC_FLAG_QSCALE);
    codec.global_quality(qscale * FF_QP2LAMBDA);
    codec.thread_count(1);
    int ret = avcodec_open2(codec, mjpeg, (AVDictionary) null);
    if (ret < 0) {
      throw new IllegalStateException("cannot open the mjpeg encoder for " + w + "x" + h + ": " + FfmpegErrors.describe(ret));
    }
  }

  @Override
  public void close() {
    scaler.close();
    if (codec != null) {
      avcodec_free_context(codec);
      codec = null;
    }
    av_packet_free(packet);
  }
}
