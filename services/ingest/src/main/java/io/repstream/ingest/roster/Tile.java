package io.repstream.ingest.roster;

/**
 * The part of a stream's picture that shows one participant: the whole picture for a one-person stream, or
 * one cell of a gallery grid (row and column from 0, top-left first).
 */
public record Tile(String participantId, int row, int col, int rows, int cols) {
  public static Tile whole(String participantId) {
    return new Tile(participantId, 0, 0, 1, 1);
  }

  /** Left, top, width and height of this cell in a picture of the given size; cells share the rounding remainder. */
  public int[] rectangle(int width, int height) {
    int left = col * width / cols;
    int right = (col + 1) * width / cols;
    int top = row * height / rows;
    int bottom = (row + 1) * height / rows;
    return new int[] {left, top, right - left, bottom - top};
  }
}
