package io.simdex.ingest;

import io.simdex.corpus.Paper;
import io.simdex.corpus.Papers;
import io.simdex.store.elastic.ElasticStore;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The papers of an Elasticsearch collection, read from the cluster on each call (so every simdex in front of the
 * cluster sees every other one's writes); {@link #papers()} reads them all and is for tools and the map, not for
 * requests.
 */
final class ElasticPapers implements Papers {

    private final ElasticStore store;

    ElasticPapers(ElasticStore store) {
        this.store = store;
    }

    @Override
    public Optional<Paper> find(String id) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        return store.get(id).map(current -> current.stored().paper());
    }

    @Override
    public List<Paper> papers() {
        var papers = new ArrayList<Paper>();
        store.forEach(current -> papers.add(current.stored().paper()));
        return List.copyOf(papers);
    }

    @Override
    public int size() {
        return store.size();
    }

    /**
     * How much of each paper's text the model read, as kept with the paper: a map read through to the cluster by
     * id; iterating it reads every paper.
     */
    static final class Tokens extends AbstractMap<String, TokenStats> {

        private final ElasticStore store;

        Tokens(ElasticStore store) {
            this.store = store;
        }

        @Override
        public TokenStats get(Object id) {
            if (!(id instanceof String key) || key.isBlank()) {
                return null;
            }
            return store.get(key).map(current -> new TokenStats(current.embedding().tokens(),
                    current.embedding().tokensEmbedded())).orElse(null);
        }

        @Override
        public boolean containsKey(Object id) {
            return get(id) != null;
        }

        @Override
        public int size() {
            return store.size();
        }

        @Override
        public Set<Map.Entry<String, TokenStats>> entrySet() {
            var entries = new java.util.LinkedHashSet<Map.Entry<String, TokenStats>>();
            store.forEach(current -> entries.add(Map.entry(current.stored().id(), new TokenStats(
                    current.embedding().tokens(), current.embedding().tokensEmbedded()))));
            return entries;
        }
    }
}
