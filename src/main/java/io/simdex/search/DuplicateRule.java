package io.simdex.search;

import io.simdex.corpus.Paper;

/**
 * Whether one paper of the corpus duplicates another, as the duplicate bands say; the dedup stage provides the
 * rule ({@code DuplicateService.rule()}), so "more like this" can leave duplicates out without knowing the bands.
 */
@FunctionalInterface
public interface DuplicateRule {

    /** A rule under which no paper duplicates another. */
    DuplicateRule NONE = (reference, candidate, cosine) -> null;

    /**
     * @param cosine the cosine of the two papers' vectors
     * @return the band's label ({@code duplicate}, {@code near_duplicate}) when {@code candidate} duplicates
     *         {@code reference}; null when it does not
     */
    String band(Paper reference, Paper candidate, float cosine);
}
