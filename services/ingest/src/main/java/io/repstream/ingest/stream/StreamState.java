package io.repstream.ingest.stream;

/** Where a stream's worker is in its life. */
public enum StreamState {
  /** Opening the source (or, in listen mode, waiting for the camera to push). */
  CONNECTING,
  /** Decoding frames. */
  STREAMING,
  /** Lost or failed to open; waiting out the back-off before the next attempt. */
  RECONNECTING,
  /** A file reached its end. */
  ENDED,
  /** Gave up: too many failed attempts in a row, or a file that cannot be decoded. */
  DEAD,
  /** Removed from the roster or the service is shutting down. */
  STOPPED
}
