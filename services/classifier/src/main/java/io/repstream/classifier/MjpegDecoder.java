package io.repstream.classifier;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG;
import static org.bytedeco.ffmpeg.global.avcodec.AV_EF_EXPLODE;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_MPEG;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_DEFAULT;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCoefficients;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.ffmpeg.global.swscale.sws_setColorspaceDetails;

import io.repstream.classifier.FrameDecoder.UndecodableFrameException;
import io.repstream.media.FfmpegErrors;
import io.repstream.media.FfmpegLog;
import io.repstream.media.FfmpegNatives;
import io.repstream.vision.pose.RgbImage;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * FFmpeg's mjpeg decoder with one swscale pass from the JPEG's YCbCr straight into interleaved RGB, the layout the
 * pose engine reads: three to eight times less CPU than the JDK's JPEG reader, which copies every scan line into a
 * BGR raster that then has to be reordered (docs/benchmarks.md, classifier batch path). Holds native contexts that
 * are not thread-safe: one decoder per thread, closed when done.
 */
final class MjpegDecoder implements AutoCloseable {
  /** One plane of packed RGB. */
  private static final int RGB_BYTES = 3;
  /** swscale's SIMD writers may store a few bytes past the last pixel of a row. */
  private static final int OUTPUT_SLACK = 64;
  /** swscale's unit of 1.0 for brightness, contrast and saturation. */
  private static final int SWS_UNITY = 1 << 16;
  private static final int FULL_RANGE = 1;

  private final AVCodecContext codec;
  private final AVPacket packet;
  private final AVFrame picture;
  private final PointerPointer<BytePointer> output = new PointerPointer<>(1);
  private final IntPointer outputStride = new IntPointer(1);
  private BytePointer input = new BytePointer(0L);
  private BytePointer rgb = new BytePointer(0L);
  private SwsContext sws;
  /** The conversion context and source range the colour details were last set for: setting them rebuilds tables. */
  private long colourDetailsFor;
  private int colourRangeSet = -1;

  /** @param maxPixels FFmpeg itself refuses larger pictures too, should a header slip past the caller's check */
  MjpegDecoder(long maxPixels) {
    FfmpegNatives.load();
    AVCodec mjpeg = avcodec_find_decoder(AV_CODEC_ID_MJPEG);
    if (mjpeg == null) {
      throw new IllegalStateException("this FFmpeg build has no mjpeg decoder");
    }
    codec = avcodec_alloc_context3(mjpeg);
    // Frames are small and a worker decodes several per batch on its own thread: codec threads only add hand-offs.
    codec.thread_count(1);
    codec.max_pixels(maxPixels);
    // A corrupt frame is refused and dead-lettered, not concealed into a picture of grey blocks.
    codec.err_recognition(codec.err_recognition() | AV_EF_EXPLODE);
    int ret = avcodec_open2(codec, mjpeg, (AVDictionary) null);
    if (ret < 0) {
      avcodec_free_context(codec);
      throw new IllegalStateException("cannot open FFmpeg's mjpeg decoder: " + FfmpegErrors.describe(ret));
    }
    packet = av_packet_alloc();
    picture = av_frame_alloc();
  }

  /** The JPEG's pixels, or an {@link UndecodableFrameException} with FFmpeg's reason. */
  RgbImage decode(byte[] jpeg) {
    if (input.capacity() < jpeg.length) {
      input.close();
      input = new BytePointer((long) jpeg.length);
    }
    input.put(jpeg, 0, jpeg.length);
    packet.data(input);
    packet.size(jpeg.length);
    FfmpegLog.clear();
    try {
      int ret = avcodec_send_packet(codec, packet);
      if (ret >= 0) {
        ret = avcodec_receive_frame(codec, picture);
      }
      if (ret < 0) {
        avcodec_flush_buffers(codec);
        throw new UndecodableFrameException("frame JPEG of " + jpeg.length + " bytes does not decode: "
            + FfmpegErrors.describeWithLog(ret));
      }
      return toRgb();
    } finally {
      packet.data(null);
      packet.size(0);
      av_frame_unref(picture);
    }
  }

  private RgbImage toRgb() {
    int w = picture.width();
    int h = picture.height();
    int stride = w * RGB_BYTES;
    long bytes = (long) stride * h;
    if (rgb.capacity() < bytes + OUTPUT_SLACK) {
      rgb.close();
      rgb = new BytePointer(bytes + OUTPUT_SLACK);
    }
    sws = sws_getCachedContext(sws, w, h, picture.format(), w, h, AV_PIX_FMT_RGB24, SWS_BILINEAR, null, null,
        (DoublePointer) null);
    if (sws == null) {
      throw new UndecodableFrameException("frame JPEG decodes to pixel format " + picture.format()
          + ", which cannot be converted to RGB");
    }
    // JPEG's YCbCr uses the full 0..255 range (JFIF); only a picture marked otherwise is studio range.
    int sourceRange = picture.color_range() == AVCOL_RANGE_MPEG ? 0 : FULL_RANGE;
    if (sws.address() != colourDetailsFor || sourceRange != colourRangeSet) {
      sws_setColorspaceDetails(sws, sws_getCoefficients(SWS_CS_DEFAULT), sourceRange,
          sws_getCoefficients(SWS_CS_DEFAULT), FULL_RANGE, 0, SWS_UNITY, SWS_UNITY);
      colourDetailsFor = sws.address();
      colourRangeSet = sourceRange;
    }
    output.put(0, rgb);
    outputStride.put(0, stride);
    sws_scale(sws, picture.data(), picture.linesize(), 0, h, output, outputStride);
    byte[] pixels = new byte[(int) bytes];
    rgb.get(pixels, 0, pixels.length);
    return new RgbImage(w, h, pixels);
  }

  @Override
  public void close() {
    if (sws != null) {
      sws_freeContext(sws);
      sws = null;
    }
    av_frame_free(picture);
    av_packet_free(packet);
    avcodec_free_context(codec);
    input.close();
    rgb.close();
    output.close();
    outputStride.close();
  }
}
