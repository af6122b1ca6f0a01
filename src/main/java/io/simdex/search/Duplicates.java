package io.simdex.search;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What "more like this" does with papers that duplicate the paper asked about (or a positive example): the same
 * work retitled, reworded or cut short, by the duplicate bands ({@link DuplicateRule}).
 */
public enum Duplicates {

    /** Leave them out, and fill the answer with the next papers (the default, {@link #byDefault()}). */
    EXCLUDE,

    /** Rank them like any other paper. */
    INCLUDE,

    /** Rank them like any other paper, each marked with its band. */
    MARK;

    /**
     * {@link #EXCLUDE}: a reader asking for papers like one has that work already, in whichever version, and the
     * duplicate routes are there to find its other versions.
     */
    public static Duplicates byDefault() {
        return EXCLUDE;
    }

    /** The name used in requests, e.g. {@code exclude}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The policy with this {@link #label()}, if any. */
    public static Optional<Duplicates> byLabel(String label) {
        return Arrays.stream(values()).filter(d -> d.label().equals(label)).findFirst();
    }

    /** Every label, comma-separated, for error messages. */
    public static String labels() {
        return Arrays.stream(values()).map(Duplicates::label).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return label();
    }
}
