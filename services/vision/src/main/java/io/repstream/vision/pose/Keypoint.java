package io.repstream.vision.pose;

/** One joint in source-image pixels, with the model's confidence (0..1) that it is there. */
public record Keypoint(BodyPart part, double x, double y, double score) {}
