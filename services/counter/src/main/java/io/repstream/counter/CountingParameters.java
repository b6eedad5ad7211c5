package io.repstream.counter;

import java.time.Duration;

/**
 * The tunable figures of counting, one participant's worth: what {@link CounterConfig} validated and the
 * per-participant logic reads. Durations are in event time (capture timestamps) unless named otherwise.
 */
public record CountingParameters(
    Duration reorderGrace,
    int reorderMaxRecords,
    int exerciseVoteFrames,
    double exerciseSwitchShare,
    double exerciseMinConfidence,
    double phaseEnter,
    double phaseExit,
    double minPoseScore,
    Duration notVisibleAfter,
    Duration idleAfter,
    double movementThreshold,
    Duration maxFrameGap,
    Duration setRest,
    Duration rateWindow,
    Duration periodicWindow,
    double periodicMinAmplitude,
    double periodicHysteresis,
    double periodicRangeTrim,
    double periodicGlitchFactor,
    double periodicMinKeypointScore,
    Duration periodicMinCycle,
    Duration periodicMaxCycle,
    RepSource repsFrom) {}
