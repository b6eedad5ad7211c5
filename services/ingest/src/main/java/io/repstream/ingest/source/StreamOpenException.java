package io.repstream.ingest.source;

/** A stream that could not be opened or read; the message names the stream and FFmpeg's reason. */
public class StreamOpenException extends Exception {
  private static final long serialVersionUID = 1L;

  public StreamOpenException(String message, Throwable cause) {
    super(message, cause);
  }
}
