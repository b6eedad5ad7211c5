package io.repstream.dashboard;

import java.util.List;
import java.util.Map;

/**
 * What one student's tile shows, as sent to the page and the JSON API. {@code repsInSet} and
 * {@code repsInClass} honour the trainer's "new set" and "reset" commands; {@code pose} is empty when
 * thumbnails are off.
 */
public record Tile(
    String participantId,
    String classId,
    String state,
    String exercise,
    String phase,
    int setNumber,
    int repsInSet,
    int repsInClass,
    Map<String, Integer> repsByExercise,
    Map<String, Float> holdSecondsByExercise,
    float repsPerMinute,
    Long lastRepMillis,
    boolean lastRepPartial,
    long lastEventTime,
    long updateTime,
    boolean thumbnail,
    List<float[]> pose) {}
