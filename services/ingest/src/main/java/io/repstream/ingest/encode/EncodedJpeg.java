package io.repstream.ingest.encode;

/** A JPEG picture and its size in pixels. */
public record EncodedJpeg(byte[] bytes, int width, int height) {}
