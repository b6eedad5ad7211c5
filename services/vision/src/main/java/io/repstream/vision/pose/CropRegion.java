package io.repstream.vision.pose;

/**
 * The part of an image a single-person MoveNet model looks at, normalised to the image (0..1; may extend past
 * the edges, which are then padded with black). MoveNet wants a square crop in pixels around the person.
 */
public record CropRegion(double yMin, double xMin, double yMax, double xMax) {
  public CropRegion {
    if (!(yMax > yMin) || !(xMax > xMin)) {
      throw new IllegalArgumentException("empty crop region " + yMin + "," + xMin + " .. " + yMax + "," + xMax);
    }
  }

  public double height() {
    return yMax - yMin;
  }

  public double width() {
    return xMax - xMin;
  }

  /** The whole image, padded to a square around its centre: MoveNet's crop when nobody is tracked yet. */
  public static CropRegion fullFrame(int imageWidth, int imageHeight) {
    if (imageWidth > imageHeight) {
      double boxHeight = (double) imageWidth / imageHeight;
      double yMin = (imageHeight / 2.0 - imageWidth / 2.0) / imageHeight;
      return new CropRegion(yMin, 0, yMin + boxHeight, 1);
    }
    double boxWidth = (double) imageHeight / imageWidth;
    double xMin = (imageWidth / 2.0 - imageHeight / 2.0) / imageWidth;
    return new CropRegion(0, xMin, 1, xMin + boxWidth);
  }
}
