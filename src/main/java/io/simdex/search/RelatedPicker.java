package io.simdex.search;

import io.simdex.corpus.Paper;
import io.simdex.corpus.Papers;
import io.simdex.index.Hit;
import io.simdex.index.VectorIndex;
import io.simdex.kernels.VectorMath;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Picks the answer of "more like this" from a ranking as {@link RelatedOptions} say: leaves out (or marks) the
 * papers that duplicate a reference paper, asking the ranking deeper until {@code k} others are found, then, with
 * diversity, re-orders the closest {@value RelatedOptions#POOL}·k by maximal marginal relevance.
 */
final class RelatedPicker {

    private final Papers corpus;
    private final VectorIndex index;

    RelatedPicker(Papers corpus, VectorIndex index) {
        this.corpus = corpus;
        this.index = index;
    }

    /**
     * The picked hits, best first, and the duplicate band of each hit that duplicates a reference (marked only).
     */
    record Picked(List<Hit> hits, Map<String, String> duplicates) {
    }

    /**
     * @param references the papers whose duplicates {@link RelatedOptions#duplicates()} is about: the paper asked
     *                   about, or the positive examples; none for a text
     * @param ranking    the closest papers to {@code depth}, best first; asked again, deeper, when duplicates
     *                   left out leave too few
     */
    Picked pick(List<String> references, IntFunction<List<Hit>> ranking, int k, RelatedOptions options) {
        boolean judging = options.duplicates() != Duplicates.INCLUDE && options.rule() != DuplicateRule.NONE
                && !references.isEmpty();
        int wanted = options.diversity() > 0 ? RelatedOptions.POOL * k : k;
        var bands = new HashMap<String, Optional<String>>();
        int depth = wanted;
        List<Hit> pool;
        while (true) {
            List<Hit> ranked = ranking.apply(depth);
            pool = new ArrayList<>(Math.min(ranked.size(), wanted));
            for (Hit hit : ranked) {
                String band = judging ? bands.computeIfAbsent(hit.id(), id -> band(references, id, options.rule()))
                        .orElse(null) : null;
                if (band == null || options.duplicates() == Duplicates.MARK) {
                    pool.add(hit);
                }
            }
            if (pool.size() >= wanted || ranked.size() < depth || depth >= index.size()) {
                break;
            }
            depth = (int) Math.min(index.size(), 2L * depth);
        }
        pool = pool.subList(0, Math.min(wanted, pool.size()));
        List<Hit> hits = options.diversity() > 0 ? mmr(pool, k, 1f - options.diversity())
                : pool.subList(0, Math.min(k, pool.size()));
        var marked = new HashMap<String, String>();
        if (options.duplicates() == Duplicates.MARK) {
            for (Hit hit : hits) {
                bands.getOrDefault(hit.id(), Optional.empty()).ifPresent(band -> marked.put(hit.id(), band));
            }
        }
        return new Picked(List.copyOf(hits), marked);
    }

    /** The band in which {@code id} duplicates the first reference it duplicates, if any. */
    private Optional<String> band(List<String> references, String id, DuplicateRule rule) {
        Paper candidate = corpus.find(id).orElse(null);
        float[] v = index.vector(id).orElse(null);
        if (candidate == null || v == null) {
            return Optional.empty(); // deleted while this request ran
        }
        for (String reference : references) {
            Paper paper = corpus.find(reference).orElse(null);
            float[] r = index.vector(reference).orElse(null);
            if (paper != null && r != null) {
                String band = rule.band(paper, candidate, VectorMath.dot(r, v));
                if (band != null) {
                    return Optional.of(band);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Maximal marginal relevance: the closest paper first, then each time the one with the best
     * {@code lambda·score − (1 − lambda)·(highest cosine to a paper already picked)}; ties go to the closer one.
     */
    private List<Hit> mmr(List<Hit> pool, int k, float lambda) {
        int n = pool.size();
        float[][] vectors = new float[n][];
        for (int i = 0; i < n; i++) {
            vectors[i] = index.vector(pool.get(i).id()).orElse(null);
        }
        float[] nearestPicked = new float[n];
        Arrays.fill(nearestPicked, Float.NEGATIVE_INFINITY);
        boolean[] taken = new boolean[n];
        var picked = new ArrayList<Hit>(Math.min(k, n));
        while (picked.size() < Math.min(k, n)) {
            int best = -1;
            float bestValue = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (taken[i]) {
                    continue;
                }
                float redundancy = picked.isEmpty() ? 0f : nearestPicked[i];
                float value = lambda * pool.get(i).score() - (1f - lambda) * redundancy;
                if (best < 0 || value > bestValue) {
                    best = i;
                    bestValue = value;
                }
            }
            taken[best] = true;
            picked.add(pool.get(best));
            if (vectors[best] != null) {
                for (int i = 0; i < n; i++) {
                    if (!taken[i] && vectors[i] != null) {
                        nearestPicked[i] = Math.max(nearestPicked[i], VectorMath.dot(vectors[best], vectors[i]));
                    }
                }
            }
        }
        return picked;
    }
}
