package io.repstream.ingest.encode;

import io.repstream.ingest.config.IngestConfig;
import io.repstream.ingest.roster.Tile;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/** Cuts, scales and JPEG-encodes one participant's tile of decoded pictures. One per tile and thread. */
public interface JpegEncoder extends AutoCloseable {
  EncodedJpeg encode(AVFrame picture);

  @Override
  void close();

  static JpegEncoder create(IngestConfig.EncoderKind kind, Tile tile, int maxSide, int quality) {
    return switch (kind) {
      case FFMPEG -> new FfmpegJpegEncoder(tile, maxSide, quality);
      case IMAGEIO -> new ImageIoJpegEncoder(tile, maxSide, quality);
    };
  }
}
