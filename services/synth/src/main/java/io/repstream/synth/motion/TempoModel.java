package io.repstream.synth.motion;

/**
 * How irregular a person's reps are.
 *
 * @param jitter relative standard deviation of one rep's duration around the current tempo
 * @param driftPerRep relative standard deviation of the tempo's random walk from rep to rep
 * @param speedChangeProbability chance per rep that the tempo jumps (speeds up or slows down markedly)
 * @param pauseProbability chance per rep of a pause at the top before it
 * @param partialProbability chance per rep that an extra partial rep (not reaching the bottom) comes first
 * @param failedSetProbability chance per set of a failed last rep: the bottom is reached but not the top
 */
public record TempoModel(double jitter, double driftPerRep, double speedChangeProbability, double pauseProbability,
    double partialProbability, double failedSetProbability) {

  /** What a typical home-workout participant does. */
  public static final TempoModel NATURAL = new TempoModel(0.12, 0.06, 0.08, 0.1, 0.07, 0.12);
  /** Every rep the same length, no pauses, no partial or failed reps. */
  public static final TempoModel STEADY = new TempoModel(0, 0, 0, 0, 0, 0);
}
