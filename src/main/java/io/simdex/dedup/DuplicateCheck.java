package io.simdex.dedup;

import java.util.List;

/**
 * The answer to "is this text a duplicate of a paper we have?".
 *
 * @param verdict    the band of the best match, or {@link Band#NEW} when no paper reaches the related band
 * @param matches    the papers in the related band or above, best first
 * @param tookMs     wall time, encoding included
 */
public record DuplicateCheck(Band verdict, List<DuplicateMatch> matches, long tookMs) {

    public DuplicateCheck {
        matches = List.copyOf(matches);
    }
}
