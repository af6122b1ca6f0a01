package io.simdex.dedup;

import io.simdex.corpus.Paper;
import io.simdex.corpus.Papers;
import io.simdex.index.Hit;
import io.simdex.index.SearchRequest;
import io.simdex.index.VectorIndex;
import io.simdex.search.MatchExplainer;
import io.simdex.search.SentenceScores;
import io.simdex.text.SpecificTokens;
import io.simdex.text.TextOverlap;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks a new text against the corpus: embeds it like a paper, takes the nearest papers in the related band
 * or above, bands each by its cosine and its lexical overlap ({@link DuplicateBands#of(float, float)}), lifts a
 * related match whose sentences and specific tokens say it is a rewrite ({@link RewriteRule}), and gives the
 * strongest band as the verdict.
 */
final class DuplicateChecker {

    /**
     * Matches whose sentences are compared when no explanation is asked for: the closest ones, where a rewrite is
     * found. One model call embeds the sentences of those not compared recently.
     */
    static final int ALIGNED_MATCHES = 10;

    private final Papers corpus;
    private final VectorIndex index;
    private final MatchExplainer explainer;
    private final DuplicateBands bands;
    private final RewriteRule rewrites;

    DuplicateChecker(Papers corpus, VectorIndex index, MatchExplainer explainer, DedupOptions options) {
        this.corpus = corpus;
        this.index = index;
        this.explainer = explainer;
        this.bands = options.bands();
        this.rewrites = options.rewrites();
    }

    /**
     * The verdict on {@code text} (whose vector is {@code vector}) and up to {@code k} matches in the related band
     * or above, none of {@code exclude}.
     *
     * @param start when the check began ({@link System#nanoTime()}), so its time counts the encoding
     */
    DuplicateCheck check(String text, float[] vector, int k, boolean explain, Set<String> exclude, long start) {
        List<Hit> hits = index.search(new SearchRequest(vector, k, exclude, bands.related()));
        List<String> ids = hits.stream().map(Hit::id).toList();
        List<SentenceScores> sentences = explain ? explainer.compareText(text, ids, true)
                : explainer.compareText(text, ids.subList(0, Math.min(ids.size(), ALIGNED_MATCHES)), false);
        TextOverlap.Profile query = TextOverlap.profile(text);
        Set<String> specifics = SpecificTokens.of(text);
        var matches = new ArrayList<DuplicateMatch>(hits.size());
        for (int i = 0; i < hits.size(); i++) {
            Hit hit = hits.get(i);
            Paper paper = corpus.find(hit.id()).orElse(null);
            if (paper == null) {
                continue; // deleted while this check ran
            }
            String paperText = paper.embeddingText();
            TextOverlap.Overlap overlap = TextOverlap.between(query, TextOverlap.profile(paperText));
            SentenceScores pairs = i < sentences.size() ? sentences.get(i) : null;
            float coverage = pairs == null ? Float.NaN
                    : SentenceAlignment.coverage(pairs.cosines(), rewrites.sentenceMatch());
            float shared = SpecificTokens.overlap(specifics, SpecificTokens.of(paperText));
            Band band = rewrites.lift(bands.of(hit.score(), overlap.shingleContainment()), coverage, shared);
            matches.add(new DuplicateMatch(hit.id(), paper.title(), hit.score(), band, overlap.tokenJaccard(),
                    overlap.shingleContainment(), orNull(coverage), orNull(shared),
                    explain && pairs != null ? pairs.best() : null));
        }
        Band verdict = matches.stream().map(DuplicateMatch::band).min(Enum::compareTo).orElse(Band.NEW);
        return new DuplicateCheck(verdict, matches, (System.nanoTime() - start) / 1_000_000);
    }

    private static Float orNull(float value) {
        return Float.isNaN(value) ? null : value;
    }
}
