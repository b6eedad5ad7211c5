package io.repstream.exercise;

/** A model file this version of RepStream cannot use, with what is wrong and what would fix it. */
public class IncompatibleModelException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public IncompatibleModelException(String message) {
    super(message);
  }
}
