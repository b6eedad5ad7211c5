package io.repstream.vision.tfjs;

/** A TF.js graph model that cannot be read or run: malformed model.json, missing weights, or an unsupported op. */
public class GraphFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public GraphFormatException(String message) {
    super(message);
  }

  public GraphFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
