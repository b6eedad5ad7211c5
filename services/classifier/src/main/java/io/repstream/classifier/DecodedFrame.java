package io.repstream.classifier;

import io.repstream.schemas.Frame;
import io.repstream.vision.pose.RgbImage;

/** A frame record with its pixels. */
record DecodedFrame(Frame frame, RgbImage image) {}
