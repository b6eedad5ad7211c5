package io.repstream.ingest.roster;

/** A roster entry that cannot be ingested; the message names the stream and what is wrong with it. */
public class InvalidRosterException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidRosterException(String message) {
    super(message);
  }
}
