package io.repstream.ingest.roster;

import io.repstream.ingest.config.IngestConfig.FilePacing;
import io.repstream.ingest.source.StreamUrl;
import java.util.List;

/**
 * One validated roster entry: a stream of a class and the participants it shows.
 *
 * @param listen whether ingest waits for the camera to push (RTSP listen mode) instead of connecting
 * @param pacing how a file is played; ignored for live streams
 * @param sampleFps frames per second kept for each of the stream's participants
 */
public record StreamSpec(String streamId, String classId, StreamUrl url, boolean listen, FilePacing pacing, double sampleFps,
    List<Tile> tiles) {
  public StreamSpec {
    tiles = List.copyOf(tiles);
  }
}
