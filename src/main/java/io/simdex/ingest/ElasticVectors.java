package io.simdex.ingest;

import io.simdex.corpus.MetadataPredicate;
import io.simdex.index.FlatIndex;
import io.simdex.index.Hit;
import io.simdex.index.IndexOptions;
import io.simdex.index.ScoredPair;
import io.simdex.index.SearchRequest;
import io.simdex.index.VectorIndex;
import io.simdex.store.elastic.ElasticStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The vectors of an Elasticsearch collection, read as a {@link VectorIndex}: kNN runs in the cluster, with
 * metadata conditions and exclusions inside its {@code filter}; the all-pairs scan streams every vector into a
 * temporary {@link FlatIndex} and runs there (memory n × d floats, time O(n²)). Read-only: papers are written
 * through {@link ElasticCollection}, which keeps each vector with its paper.
 *
 * <p>With {@code index-options: flat} the hits are the exact ones; with {@code int8_flat} or {@code int8_hnsw}
 * they are approximate ({@link #exact()} is false).
 */
final class ElasticVectors implements VectorIndex {

    private final ElasticStore store;
    private final int dimension;
    private final IndexOptions scanOptions;

    ElasticVectors(ElasticStore store, int dimension, IndexOptions scanOptions) {
        this.store = store;
        this.dimension = dimension;
        this.scanOptions = scanOptions;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public int size() {
        return store.size();
    }

    @Override
    public boolean contains(String id) {
        return store.contains(id);
    }

    @Override
    public void add(String id, float[] vector) {
        throw readOnly();
    }

    @Override
    public void put(String id, float[] vector) {
        throw readOnly();
    }

    @Override
    public boolean remove(String id) {
        throw readOnly();
    }

    private static UnsupportedOperationException readOnly() {
        return new UnsupportedOperationException("the vectors of an Elasticsearch collection change with their"
                + " papers: write through the collection");
    }

    @Override
    public Optional<float[]> vector(String id) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        return store.get(id).map(current -> current.embedding().vector());
    }

    @Override
    public List<Hit> search(SearchRequest request) {
        if (request.dimension() != dimension) {
            throw new IllegalArgumentException("query dimension " + request.dimension() + " differs from index"
                    + " dimension " + dimension);
        }
        Pushed pushed = Pushed.of(request.filter());
        float ceiling = request.maxScore();
        Predicate<ElasticStore.Scored> keeps = pushed.local() == null && ceiling == SearchRequest.NO_MAX_SCORE
                ? null
                : hit -> hit.score() <= ceiling && (pushed.local() == null || pushed.local().test(hit.id()));
        float[] query = request.query();
        List<ElasticStore.Scored> hits = Deepening.best(depth -> store.nearest(new ElasticStore.Nearest(query,
                depth, request.excludeIds(), request.minScore(), pushed.conditions())), request.k(), keeps);
        var out = new ArrayList<Hit>(hits.size());
        for (ElasticStore.Scored hit : hits) {
            out.add(new Hit(hit.id(), hit.score()));
        }
        return List.copyOf(out);
    }

    /** Whether kNN answers are exact ({@code index-options: flat}). */
    @Override
    public boolean exact() {
        return store.exact();
    }

    /**
     * Every pair at or above {@code minScore}, exactly: every vector is read (a point in time, page by page) into
     * a temporary flat index that scans the pairs, then is released.
     */
    @Override
    public List<ScoredPair> pairsAtOrAbove(float minScore, int maxPairs) {
        try (var flat = new FlatIndex(dimension, scanOptions)) {
            store.forEach(current -> flat.add(current.stored().id(), current.embedding().vector()));
            return flat.pairsAtOrAbove(minScore, maxPairs);
        }
    }

    /**
     * A filter split into what the cluster runs and what simdex must test itself.
     *
     * @param conditions metadata conditions for the cluster's filter
     * @param local      the rest, or null when the cluster runs all of it
     */
    record Pushed(List<MetadataPredicate.Condition> conditions, Predicate<String> local) {

        static Pushed of(Predicate<String> filter) {
            if (filter == SearchRequest.NO_FILTER) {
                return new Pushed(List.of(), null);
            }
            if (filter instanceof MetadataPredicate metadata) {
                return new Pushed(metadata.conditions(), null);
            }
            return new Pushed(List.of(), filter);
        }
    }
}
