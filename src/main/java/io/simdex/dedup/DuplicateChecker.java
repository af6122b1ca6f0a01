package io.simdex.dedup;

import io.simdex.corpus.Paper;
import io.simdex.corpus.Papers;
import io.simdex.index.Hit;
import io.simdex.index.SearchRequest;
import io.simdex.index.VectorIndex;
import io.simdex.search.Explanation;
import io.simdex.search.MatchExplainer;
import io.simdex.text.TextOverlap;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks a new text against the corpus: embeds it like a paper, takes the nearest papers in the related band
 * or above, bands each by its cosine and its lexical overlap ({@link DuplicateBands#of(float, float)}), and
 * gives the strongest band as the verdict.
 */
final class DuplicateChecker {

    private final Papers corpus;
    private final VectorIndex index;
    private final MatchExplainer explainer;
    private final DuplicateBands bands;

    DuplicateChecker(Papers corpus, VectorIndex index, MatchExplainer explainer,
            DuplicateBands bands) {
        this.corpus = corpus;
        this.index = index;
        this.explainer = explainer;
        this.bands = bands;
    }

    /**
     * The verdict on {@code text} (whose vector is {@code vector}) and up to {@code k} matches in the related band
     * or above, none of {@code exclude}.
     *
     * @param start when the check began ({@link System#nanoTime()}), so its time counts the encoding
     */
    DuplicateCheck check(String text, float[] vector, int k, boolean explain, Set<String> exclude, long start) {
        List<Hit> hits = index.search(new SearchRequest(vector, k, exclude, bands.related()));
        List<Explanation> why = explain ? explainer.explainText(text, hits.stream().map(Hit::id).toList()) : null;
        TextOverlap.Profile query = TextOverlap.profile(text);
        var matches = new ArrayList<DuplicateMatch>(hits.size());
        for (int i = 0; i < hits.size(); i++) {
            Hit hit = hits.get(i);
            Paper paper = corpus.find(hit.id()).orElse(null);
            if (paper == null) {
                continue; // deleted while this check ran
            }
            TextOverlap.Overlap overlap = TextOverlap.between(query, TextOverlap.profile(paper.embeddingText()));
            matches.add(new DuplicateMatch(hit.id(), paper.title(), hit.score(),
                    bands.of(hit.score(), overlap.shingleContainment()),
                    overlap.tokenJaccard(), overlap.shingleContainment(), why == null ? null : why.get(i)));
        }
        Band verdict = matches.stream().map(DuplicateMatch::band).min(Enum::compareTo).orElse(Band.NEW);
        return new DuplicateCheck(verdict, matches, (System.nanoTime() - start) / 1_000_000);
    }
}
