package io.repstream.ingest.source;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A stream location from a roster, checked against the schemes this deployment allows. Local paths and
 * {@code file:} URLs are files; {@code /dev/videoN} and {@code v4l2:///dev/videoN} are webcams.
 *
 * @param text what the roster said, for messages
 * @param scheme lower-case scheme: rtsp, http, udp, file, v4l2...
 * @param input what FFmpeg opens: the URL itself, a file path or a device path
 * @param format the FFmpeg input format to force, or null to let FFmpeg probe
 */
public record StreamUrl(String text, String scheme, String input, String format) {
  private static final Pattern WEBCAM = Pattern.compile("/dev/video[0-9]+");
  private static final String V4L2_FORMAT = "video4linux2";

  public boolean isFile() {
    return scheme.equals("file");
  }

  public boolean isNetwork() {
    return !isFile() && !scheme.equals("v4l2");
  }

  /** Parses and checks {@code text}; the exception message says what is wrong and what is allowed. */
  public static StreamUrl parse(String text, Set<String> allowedSchemes, boolean fileEnabled) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("stream url is missing");
    }
    String t = text.trim();
    StreamUrl url;
    if (WEBCAM.matcher(t).matches()) {
      url = new StreamUrl(t, "v4l2", t, V4L2_FORMAT);
    } else if (t.startsWith("/")) {
      url = new StreamUrl(t, "file", t, null);
    } else {
      URI uri;
      try {
        uri = new URI(t);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("stream url '" + t + "' is not a valid URL: " + e.getMessage());
      }
      if (uri.getScheme() == null) {
        throw new IllegalArgumentException("stream url '" + t + "' has no scheme (expected e.g. rtsp://host/path)");
      }
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      if (scheme.equals("file")) {
        url = new StreamUrl(t, "file", Path.of(uri).toString(), null);
      } else if (scheme.equals("v4l2")) {
        String device = uri.getPath();
        if (device == null || !WEBCAM.matcher(device).matches()) {
          throw new IllegalArgumentException("stream url '" + t + "' does not name a webcam (expected v4l2:///dev/videoN)");
        }
        url = new StreamUrl(t, "v4l2", device, V4L2_FORMAT);
      } else {
        if (uri.getHost() == null && !scheme.equals("udp")) {
          throw new IllegalArgumentException("stream url '" + t + "' has no host");
        }
        url = new StreamUrl(t, scheme, t, null);
      }
    }
    if (!allowedSchemes.contains(url.scheme) && !(url.isFile() && fileEnabled)) {
      throw new IllegalArgumentException("stream url '" + t + "' uses scheme " + url.scheme + ", which is not allowed here"
          + (url.isFile() ? " (file input is off: set ingest.file.enabled=true to allow it)" : " (allowed: " + allowedSchemes + ")"));
    }
    if (url.isFile() && !fileEnabled) {
      throw new IllegalArgumentException("stream url '" + t + "' is a file, and file input is off (set ingest.file.enabled=true to allow it)");
    }
    if (url.isFile() && !Files.isRegularFile(Path.of(url.input))) {
      throw new IllegalArgumentException("stream url '" + t + "': file " + url.input + " does not exist or is not a file");
    }
    return url;
  }

  @Override
  public String toString() {
    return text;
  }
}
