package io.repstream.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_INVALIDDATA;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_WARNING;
import static org.bytedeco.ffmpeg.global.avutil.av_log;

import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FfmpegErrorsTest {
  private static final String INVALID_DATA = "Invalid data found when processing input";

  @BeforeAll
  static void loadFfmpeg() {
    FfmpegNatives.load();
  }

  @BeforeEach
  void forgetEarlierErrors() {
    FfmpegLog.clear();
  }

  @Test
  void aReturnCodeIsDescribedInFfmpegsOwnWords() {
    assertThat(FfmpegErrors.describe(AVERROR_INVALIDDATA)).isEqualTo(INVALID_DATA);
    assertThat(FfmpegErrors.describe(-123_456_789)).isEqualTo("FFmpeg error -123456789");
  }

  @Test
  void theErrorFfmpegLoggedIsRememberedWithItsComponentButWithoutItsAddress() {
    logFromMjpegDecoder(AV_LOG_ERROR, "EOI missing, emulating\n");

    assertThat(FfmpegLog.lastError()).isEqualTo("[mjpeg] EOI missing, emulating");
    assertThat(FfmpegErrors.describeWithLog(AVERROR_INVALIDDATA))
        .isEqualTo(INVALID_DATA + ": [mjpeg] EOI missing, emulating");
  }

  @Test
  void warningsOtherThreadsErrorsAndClearedErrorsAreNotReported() throws Exception {
    logFromMjpegDecoder(AV_LOG_WARNING, "only a warning\n");
    assertThat(FfmpegLog.lastError()).isNull();

    Thread other = new Thread(() -> logFromMjpegDecoder(AV_LOG_ERROR, "another stream's error\n"));
    other.start();
    other.join();
    assertThat(FfmpegErrors.describeWithLog(AVERROR_INVALIDDATA)).isEqualTo(INVALID_DATA);

    logFromMjpegDecoder(AV_LOG_ERROR, "an earlier frame's error\n");
    FfmpegLog.clear();
    assertThat(FfmpegLog.lastError()).isNull();
  }

  @Test
  void javaCvsErrorCodeBecomesFfmpegsWordsWithTheLoggedDetailAndTheFailingCall() {
    logFromMjpegDecoder(AV_LOG_ERROR, "moov atom not found\n");
    Exception javaCv = new Exception(
        "avformat_open_input() error " + AVERROR_INVALIDDATA + ": Could not open input \"cut.mp4\". (Has setFormat() been called?)");

    assertThat(FfmpegErrors.describe(javaCv)).isEqualTo(
        INVALID_DATA + ": [mjpeg] moov atom not found (avformat_open_input error " + AVERROR_INVALIDDATA + ")");
  }

  @Test
  void aMessageWithoutAnErrorCodeIsKeptWithTheLoggedDetail() {
    assertThat(FfmpegErrors.describe(new Exception("no video stream"))).isEqualTo("no video stream");

    logFromMjpegDecoder(AV_LOG_ERROR, "Connection refused\n");
    assertThat(FfmpegErrors.describe(new Exception("Could not open input"))).isEqualTo("Could not open input: [mjpeg] Connection refused");
  }

  /** Logs through FFmpeg itself, from a real codec context, so the line carries FFmpeg's "[mjpeg @ 0x...]" prefix. */
  private static void logFromMjpegDecoder(int level, String line) {
    AVCodecContext context = avcodec_alloc_context3(avcodec_find_decoder(AV_CODEC_ID_MJPEG));
    try {
      av_log(context, level, line);
    } finally {
      avcodec_free_context(context);
    }
  }
}
