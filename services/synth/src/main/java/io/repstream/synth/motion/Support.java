package io.repstream.synth.motion;

/** What holds the body up, which decides how a pose is placed in the scene. */
public enum Support {
  /** The lowest point of the body touches the floor. */
  FLOOR,
  /** The hands grip a bar; the body hangs below it. */
  BAR
}
