package io.simdex.search;

import io.simdex.index.Hit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Convex combination of normalized scores: one ranking from a vector ranking (cosines) and a lexical one (BM25),
 * each paper scoring {@code w · cosine' + (1 − w) · bm25'}. Cosines are min-max normalized over the vector
 * ranking ({@code (cos − lowest) / (highest − lowest)}); BM25 scores are divided by the ranking's highest, their
 * natural floor being 0 (Bruch, Gai and Ingber, 2023, call this "theoretical min-max"). A paper missing from a
 * ranking gains nothing from it. Unlike {@link RankFusion} it keeps how far ahead a paper is, not only its place:
 * a paper far ahead in one ranking is not pulled down by an average place in the other. The fused score is in
 * [0, 1]. Stateless.
 */
public final class ScoreFusion {

    /** Best score first; then the higher vector part (the paper closer in meaning); then id. */
    private static final Comparator<Candidate> ORDER = Comparator.comparingDouble(Candidate::score).reversed()
            .thenComparing(Comparator.comparingDouble(Candidate::vectorPart).reversed())
            .thenComparing(Candidate::id);

    private ScoreFusion() {
    }

    /**
     * Fuses the two rankings, best first.
     *
     * @param byMeaning    the vector ranking, best first, scores being cosines
     * @param byWords      the lexical ranking, best first, scores being BM25 scores (positive)
     * @param vectorWeight the weight {@code w} of the cosine part, in [0, 1]; BM25 gets {@code 1 − w}
     * @param limit        the most results, {@code >= 1}
     * @throws IllegalArgumentException if a ranking lists an id twice, the weight is outside [0, 1], or
     *                                  {@code limit < 1}
     */
    public static List<RankFusion.Fused> fuse(List<Hit> byMeaning, List<Hit> byWords, double vectorWeight,
                                              int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1 but was " + limit);
        }
        if (!(vectorWeight >= 0 && vectorWeight <= 1)) {
            throw new IllegalArgumentException("the vector weight must be in [0, 1] but was " + vectorWeight);
        }
        var parts = new LinkedHashMap<String, double[]>();
        add(parts, byMeaning, 0, vectorWeight, lowest(byMeaning));
        add(parts, byWords, 1, 1 - vectorWeight, 0);
        var candidates = new ArrayList<Candidate>(parts.size());
        for (Map.Entry<String, double[]> e : parts.entrySet()) {
            double[] p = e.getValue();
            candidates.add(new Candidate(e.getKey(), p[0] + p[1], p[0]));
        }
        candidates.sort(ORDER);
        var fused = new ArrayList<RankFusion.Fused>(Math.min(limit, candidates.size()));
        for (Candidate c : candidates.subList(0, Math.min(limit, candidates.size()))) {
            fused.add(new RankFusion.Fused(c.id(), c.score()));
        }
        return fused;
    }

    /** Adds one ranking's weighted, normalized scores as part {@code part} of each paper's. */
    private static void add(Map<String, double[]> parts, List<Hit> ranking, int part, double weight, double floor) {
        if (ranking.isEmpty()) {
            return;
        }
        double highest = ranking.stream().mapToDouble(Hit::score).max().orElseThrow();
        double span = highest - floor;
        var seen = new HashSet<String>();
        for (Hit hit : ranking) {
            if (!seen.add(hit.id())) {
                throw new IllegalArgumentException("a ranking lists '" + hit.id() + "' twice; each id may rank once");
            }
            // one paper, or all tied: each is as good as the best
            double normalized = span > 0 ? Math.max(0, hit.score() - floor) / span : 1;
            parts.computeIfAbsent(hit.id(), id -> new double[2])[part] = weight * normalized;
        }
    }

    private static double lowest(List<Hit> ranking) {
        return ranking.stream().mapToDouble(Hit::score).min().orElse(0);
    }

    private record Candidate(String id, double score, double vectorPart) {
    }
}
