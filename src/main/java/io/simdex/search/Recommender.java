package io.simdex.search;

import io.simdex.index.Hit;
import io.simdex.index.SearchRequest;
import io.simdex.index.VectorIndex;
import io.simdex.kernels.VectorMath;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Ranks papers by how much they resemble positive example papers and differ from negative ones, by a
 * {@link RecommendStrategy}. The examples themselves never come back. Results are exact: {@code best_score}
 * widens its candidate lists until no paper outside them could rank higher.
 */
final class Recommender {

    /** How much wider each {@code best_score} round looks than the one before. */
    private static final int WIDEN = 4;

    private final VectorIndex index;

    Recommender(VectorIndex index) {
        this.index = index;
    }

    /**
     * @param positive at least one id the index holds
     * @param negative ids the index holds, none of them positive
     * @throws InvalidQueryException if the examples cancel out to no direction at all
     */
    List<Hit> recommend(List<String> positive, List<String> negative, RecommendStrategy strategy,
            ResultFilter filter, Predicate<String> allowed) {
        var skip = new HashSet<>(filter.exclude());
        skip.addAll(positive);
        skip.addAll(negative);
        List<float[]> positives = vectors(positive);
        List<float[]> negatives = vectors(negative);
        return switch (strategy) {
            case AVERAGE_VECTOR -> averageVector(positives, negatives, skip, filter, allowed);
            case BEST_SCORE -> bestScore(positives, negatives, skip, filter, allowed);
        };
    }

    private List<Hit> averageVector(List<float[]> positives, List<float[]> negatives, Set<String> skip,
            ResultFilter filter, Predicate<String> allowed) {
        float[] query = new float[index.dimension()];
        for (float[] p : positives) {
            VectorMath.addScaled(query, p, 2f / positives.size());
        }
        for (float[] n : negatives) {
            VectorMath.addScaled(query, n, -1f / negatives.size());
        }
        if (negatives.isEmpty()) {
            VectorMath.addScaled(query, query, -0.5f); // mean of the positives, not twice it
        }
        SearchRequest request;
        try {
            request = new SearchRequest(query, filter.k(), skip, filter.minScore(), filter.maxScore())
                    .withFilter(allowed);
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException(negatives.isEmpty() ? "positive" : "negative", "the examples cancel "
                    + "out (their vectors sum to zero), so average_vector has no direction to search; change the "
                    + "examples or use strategy best_score");
        }
        return index.search(request);
    }

    private List<Hit> bestScore(List<float[]> positives, List<float[]> negatives, Set<String> skip,
            ResultFilter filter, Predicate<String> allowed) {
        int eligible = index.size() - skip.size(); // every skipped id is in the index: the caller checked
        if (eligible <= 0) {
            return List.of();
        }
        int width = Math.min(eligible, filter.k() + 16);
        while (true) {
            var requests = new ArrayList<SearchRequest>(positives.size());
            for (float[] p : positives) {
                requests.add(new SearchRequest(p, width, skip, SearchRequest.NO_MIN_SCORE).withFilter(allowed));
            }
            List<List<Hit>> lists = index.searchBatch(requests);
            var candidates = new LinkedHashSet<String>();
            float unseenBound = Float.NEGATIVE_INFINITY;
            for (List<Hit> list : lists) {
                list.forEach(hit -> candidates.add(hit.id()));
                if (list.size() == width && width < eligible) {
                    unseenBound = Math.max(unseenBound, list.get(list.size() - 1).score());
                }
            }
            if (!negatives.isEmpty() && unseenBound != Float.NEGATIVE_INFINITY) {
                unseenBound = Math.max(unseenBound, 0f); // an unseen paper may score -(best negative)², up to 0
            }
            List<Hit> ranked = rank(candidates, positives, negatives, filter);
            boolean settled = ranked.size() >= filter.k() && ranked.get(filter.k() - 1).score() >= unseenBound;
            if (settled || unseenBound == Float.NEGATIVE_INFINITY) {
                return List.copyOf(ranked.subList(0, Math.min(filter.k(), ranked.size())));
            }
            width = (int) Math.min(eligible, (long) width * WIDEN);
        }
    }

    /** The candidates in the filter's band, by best-score descending, ties by id. */
    private List<Hit> rank(Set<String> ids, List<float[]> positives, List<float[]> negatives, ResultFilter filter) {
        var ranked = new ArrayList<Hit>(ids.size());
        for (String id : ids) {
            float[] v = index.vector(id).orElse(null);
            if (v == null) {
                continue; // deleted while this request ran
            }
            float best = bestDot(v, positives);
            float worst = bestDot(v, negatives);
            float score = best > worst ? best : -(worst * worst);
            if (score >= filter.minScore() && score <= filter.maxScore()) {
                ranked.add(new Hit(id, score));
            }
        }
        ranked.sort(Comparator.comparing(Hit::score).reversed().thenComparing(Hit::id));
        return ranked;
    }

    private static float bestDot(float[] v, List<float[]> examples) {
        float best = Float.NEGATIVE_INFINITY;
        for (float[] e : examples) {
            best = Math.max(best, VectorMath.dot(v, e));
        }
        return best;
    }

    private List<float[]> vectors(List<String> ids) {
        var vectors = new ArrayList<float[]>(ids.size());
        for (String id : ids) {
            vectors.add(index.vector(id).orElseThrow(() -> new UnknownPaperException(id)));
        }
        return vectors;
    }
}
