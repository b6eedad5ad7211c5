package io.repstream.common.config;

/**
 * A configuration value that is missing, malformed or out of range. The message names the key, the
 * offending value, where it came from and what was expected, so an operator can fix it without reading code.
 */
public class InvalidConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidConfigException(String message) {
    super(message);
  }
}
