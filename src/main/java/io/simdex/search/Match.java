package io.simdex.search;

import java.util.Map;

/**
 * One ranked answer to a search.
 *
 * @param rank        1 for the best match
 * @param score       how well the paper matches: the cosine similarity to the query, in [-1, 1], except in
 *                    lexical and hybrid search (see {@link SearchMode})
 * @param explanation the best-matching sentence pair, when the caller asked for it; else null
 * @param metadata    the paper's metadata, when the caller asked for it ({@code fields=metadata}); else null
 * @param duplicate   the duplicate band ({@code duplicate}, {@code near_duplicate}) of a match that duplicates the
 *                    paper asked about, when the caller asked to mark them ({@link Duplicates#MARK}); else null
 */
public record Match(String id, String title, float score, int rank, Explanation explanation,
                    Map<String, Object> metadata, String duplicate) {

    /** A match without explanation or metadata. */
    public Match(String id, String title, float score, int rank) {
        this(id, title, score, rank, null, null, null);
    }

    /** This match, explained. */
    public Match explained(Explanation why) {
        return new Match(id, title, score, rank, why, metadata, duplicate);
    }

    /** This match, marked as a duplicate in {@code band}. */
    public Match markedDuplicate(String band) {
        return new Match(id, title, score, rank, explanation, metadata, band);
    }
}
