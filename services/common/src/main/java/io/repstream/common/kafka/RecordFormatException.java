package io.repstream.common.kafka;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record whose bytes are not what its topic promises: not Avro single-object encoding, written with a
 * schema this reader does not know, or truncated. Consumers dead-letter such records and keep going.
 */
public class RecordFormatException extends SerializationException {
  private static final long serialVersionUID = 1L;

  public RecordFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
