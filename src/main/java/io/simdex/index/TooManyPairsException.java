package io.simdex.index;

/** An all-pairs scan found more pairs at or above its threshold than the caller allowed, and stopped early. */
public final class TooManyPairsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final float minScore;
    private final int maxPairs;

    public TooManyPairsException(float minScore, int maxPairs) {
        super("more than " + maxPairs + " pairs score >= " + minScore + "; raise the threshold");
        this.minScore = minScore;
        this.maxPairs = maxPairs;
    }

    /** The threshold the scan was given. */
    public float minScore() {
        return minScore;
    }

    /** The most pairs the caller allowed; more than this many qualify. */
    public int maxPairs() {
        return maxPairs;
    }
}
