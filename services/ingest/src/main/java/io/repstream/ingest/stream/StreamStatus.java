package io.repstream.ingest.stream;

import java.util.List;

/** What the status endpoint reports about one stream. */
public record StreamStatus(
    String streamId,
    String classId,
    String url,
    List<String> participants,
    StreamState state,
    String since,
    String lastError,
    long framesDecoded,
    long framesSampled,
    long framesPublished,
    long framesDropped,
    long framesFailed,
    long reconnects,
    double decodeFps,
    Double lagSeconds) {}
