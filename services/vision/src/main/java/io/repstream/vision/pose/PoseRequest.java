package io.repstream.vision.pose;

/** One image to estimate poses in, and the region of it the model should look at. */
public record PoseRequest(RgbImage image, CropRegion crop) {
  /** The whole image, letterboxed to a square. */
  public static PoseRequest of(RgbImage image) {
    return new PoseRequest(image, CropRegion.fullFrame(image.width(), image.height()));
  }
}
