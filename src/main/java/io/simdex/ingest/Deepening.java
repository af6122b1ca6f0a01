package io.simdex.ingest;

import io.simdex.store.elastic.ElasticStore;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * Asks a backend for the best {@code k} hits that pass a test it cannot run itself (a score ceiling, an id filter
 * that is not metadata conditions): asks for more, drops what fails, and asks deeper until {@code k} pass or the
 * backend has no more (at most {@link ElasticStore#MAX_HITS}).
 */
final class Deepening {

    private Deepening() {
    }

    /**
     * @param ask   the backend's best {@code n} hits for a depth {@code n}
     * @param k     hits wanted
     * @param keeps the test every hit must pass; null when the backend applies every condition itself
     */
    static List<ElasticStore.Scored> best(IntFunction<List<ElasticStore.Scored>> ask, int k,
            Predicate<ElasticStore.Scored> keeps) {
        int wanted = Math.min(k, ElasticStore.MAX_HITS);
        if (keeps == null) {
            return ask.apply(wanted);
        }
        int depth = Math.min(ElasticStore.MAX_HITS, 2 * wanted);
        while (true) {
            List<ElasticStore.Scored> hits = ask.apply(depth);
            var kept = new ArrayList<ElasticStore.Scored>(wanted);
            for (ElasticStore.Scored hit : hits) {
                if (keeps.test(hit)) {
                    kept.add(hit);
                    if (kept.size() == wanted) {
                        return kept;
                    }
                }
            }
            if (hits.size() < depth || depth == ElasticStore.MAX_HITS) {
                return kept;
            }
            depth = Math.min(ElasticStore.MAX_HITS, depth * 4);
        }
    }
}
