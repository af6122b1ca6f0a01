package io.simdex.search;

import java.util.List;

/**
 * The cosine of every sentence pair of two texts: what explanations and sentence alignment are computed from.
 *
 * @param querySentences the sentences of the query text (or query paper), in reading order
 * @param matchSentences the sentences of the matched paper, in reading order
 * @param cosines        {@code cosines[q][m]}: the cosine of query sentence {@code q} and match sentence {@code m}
 */
public record SentenceScores(List<String> querySentences, List<String> matchSentences, float[][] cosines) {

    public SentenceScores {
        querySentences = List.copyOf(querySentences);
        matchSentences = List.copyOf(matchSentences);
        if (cosines.length != querySentences.size()) {
            throw new IllegalArgumentException("cosines has " + cosines.length + " rows for "
                    + querySentences.size() + " query sentences");
        }
        for (float[] row : cosines) {
            if (row.length != matchSentences.size()) {
                throw new IllegalArgumentException("cosines has a row of " + row.length + " for "
                        + matchSentences.size() + " match sentences");
            }
        }
    }

    /** The pair with the highest cosine (the first such in reading order); null when either text has none. */
    public Explanation best() {
        float best = Float.NEGATIVE_INFINITY;
        int bestQuery = -1;
        int bestMatch = -1;
        for (int q = 0; q < cosines.length; q++) {
            for (int m = 0; m < cosines[q].length; m++) {
                if (cosines[q][m] > best) {
                    best = cosines[q][m];
                    bestQuery = q;
                    bestMatch = m;
                }
            }
        }
        return bestQuery < 0 ? null : new Explanation(querySentences.get(bestQuery), matchSentences.get(bestMatch),
                best);
    }
}
