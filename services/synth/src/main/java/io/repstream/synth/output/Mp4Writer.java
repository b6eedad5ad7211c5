package io.repstream.synth.output;

import io.repstream.media.FfmpegNatives;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/** Encodes frames to an H.264 MP4 file with FFmpeg through JavaCV. */
public final class Mp4Writer implements AutoCloseable {
  /** Bits per pixel per frame: enough that edges stay crisp for the pose model. */
  static final double BITS_PER_PIXEL = 0.2;

  private final FFmpegFrameRecorder recorder;
  private final Java2DFrameConverter converter = new Java2DFrameConverter();
  private final Path file;
  private int frames;

  public Mp4Writer(Path file, int width, int height, double fps) throws IOException {
    this.file = file;
    FfmpegNatives.load();
    recorder = new FFmpegFrameRecorder(file.toFile(), width, height);
    recorder.setFormat("mp4");
    recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
    recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
    recorder.setFrameRate(fps);
    recorder.setVideoBitrate((int) (BITS_PER_PIXEL * width * height * fps));
    recorder.setGopSize((int) Math.round(2 * fps));
    try {
      recorder.start();
    } catch (FrameRecorder.Exception e) {
      throw new IOException("cannot start H.264 encoding to " + file + ": " + e.getMessage(), e);
    }
  }

  public void write(BufferedImage image) throws IOException {
    try {
      recorder.record(converter.convert(image));
      frames++;
    } catch (FrameRecorder.Exception e) {
      throw new IOException("cannot encode frame " + frames + " to " + file + ": " + e.getMessage(), e);
    }
  }

  public int frames() {
    return frames;
  }

  @Override
  public void close() throws IOException {
    try {
      recorder.stop();
      recorder.release();
    } catch (FrameRecorder.Exception e) {
      throw new IOException("cannot finish " + file + ": " + e.getMessage(), e);
    } finally {
      converter.close();
    }
  }
}
