package io.repstream.media;

import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns JavaCV's "error -1094995529" into FFmpeg's own words ("Invalid data found when processing input"). */
public final class FfmpegErrors {
  /** JavaCV's messages read "avformat_open_input() error -111: Could not open input ...". */
  private static final Pattern CODE = Pattern.compile("(\\w+)\\(\\) error (-?\\d+)");
  private static final int MESSAGE_BYTES = 256;

  private FfmpegErrors() {}

  /** FFmpeg's words for a return code: "Invalid data found when processing input". */
  public static String describe(int code) {
    byte[] buf = new byte[MESSAGE_BYTES];
    if (av_strerror(code, buf, buf.length) < 0) {
      return "FFmpeg error " + code;
    }
    int n = 0;
    while (n < buf.length && buf[n] != 0) {
      n++;
    }
    return new String(buf, 0, n, StandardCharsets.UTF_8);
  }

  /**
   * FFmpeg's words for a failed call's return code, with the last error FFmpeg logged on this thread since
   * {@link FfmpegLog#clear()}: "Invalid data found when processing input: [mjpeg] overread 8".
   */
  public static String describeWithLog(int code) {
    String logged = FfmpegLog.lastError();
    return describe(code) + (logged == null ? "" : ": " + logged);
  }

  /**
   * FFmpeg's words for the error code in a JavaCV exception, with the last error FFmpeg logged on this
   * thread and the failing call: "Invalid data found when processing input: moov atom not found
   * (avformat_open_input error -1094995529)".
   */
  public static String describe(Exception e) {
    String message = String.valueOf(e.getMessage());
    Matcher m = CODE.matcher(message);
    if (!m.find()) {
      String logged = FfmpegLog.lastError();
      return logged == null ? message : message + ": " + logged;
    }
    int code;
    try {
      code = Integer.parseInt(m.group(2));
    } catch (NumberFormatException ignored) {
      return message;
    }
    return describeWithLog(code) + " (" + m.group(1) + " error " + code + ")";
  }
}
