package io.simdex.search;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How {@code POST /api/recommend} turns positive and negative example papers into a ranking. */
public enum RecommendStrategy {

    /**
     * One query vector, {@code 2·mean(positive) − mean(negative)} (just the mean of the positives without
     * negatives), searched like any query. One scan however many examples; best when the positives share a
     * theme.
     */
    AVERAGE_VECTOR,

    /**
     * Each paper is scored against every example: its score is its best cosine to a positive, unless its best
     * cosine to a negative is higher, in which case it scores minus the square of that. Finds papers close to
     * any one positive, so it suits positives on different themes; costs one scan per positive.
     */
    BEST_SCORE;

    /** The name used in requests and responses, e.g. {@code average_vector}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The strategy with this {@link #label()}, if any. */
    public static Optional<RecommendStrategy> byLabel(String label) {
        return Arrays.stream(values()).filter(s -> s.label().equals(label)).findFirst();
    }

    /** Every label, comma-separated, for error messages. */
    public static String labels() {
        return Arrays.stream(values()).map(RecommendStrategy::label).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return label();
    }
}
