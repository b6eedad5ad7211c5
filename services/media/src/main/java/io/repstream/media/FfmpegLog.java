package io.repstream.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_INFO;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_WARNING;
import static org.bytedeco.ffmpeg.global.avutil.setLogCallback;

import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.javacpp.BytePointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends FFmpeg's log lines to SLF4J (logger {@code ffmpeg}) and remembers, per thread, the last error FFmpeg
 * logged: its return codes are generic ("Invalid data found when processing input") while the log line says
 * what actually went wrong ("moov atom not found"), so both go into the error the caller reports (a stream's
 * last error, a dead-lettered frame's reason).
 */
public final class FfmpegLog extends LogCallback {
  private static final Logger LOG = LoggerFactory.getLogger("ffmpeg");
  private static final ThreadLocal<String> LAST_ERROR = new ThreadLocal<>();
  /** "[mov,mp4,m4a,3gp,3g2,mj2 @ 0x7f1c70001f40] ": which FFmpeg component spoke, with a pointer nobody needs. */
  private static final Pattern CONTEXT_ADDRESS = Pattern.compile(" @ 0x[0-9a-f]+\\]");
  /** Held for the JVM's life: FFmpeg keeps calling it from native code. */
  private static final FfmpegLog INSTANCE = new FfmpegLog().retainReference();

  private FfmpegLog() {}

  static void install() {
    setLogCallback(INSTANCE);
  }

  /** Forgets this thread's last error, before an operation whose errors the caller wants to report. */
  public static void clear() {
    LAST_ERROR.remove();
  }

  /** The last error FFmpeg logged on this thread since {@link #clear()}, or null. */
  public static String lastError() {
    return LAST_ERROR.get();
  }

  @Override
  public void call(int level, BytePointer msg) {
    String line = msg.getString().strip();
    if (line.isEmpty()) {
      return;
    }
    if (level <= AV_LOG_ERROR) {
      LAST_ERROR.set(CONTEXT_ADDRESS.matcher(line).replaceFirst("]"));
      // The caller reports the error that matters (with this line in it); FFmpeg's own lines are detail.
      LOG.warn("{}", line);
    } else if (level <= AV_LOG_WARNING) {
      LOG.warn("{}", line);
    } else if (level <= AV_LOG_INFO) {
      LOG.info("{}", line);
    } else {
      LOG.debug("{}", line);
    }
  }
}
