package io.simdex.ingest;

import io.simdex.lexical.LexicalHit;
import io.simdex.lexical.LexicalIndex;
import io.simdex.lexical.LuceneLexicalIndex;
import io.simdex.store.elastic.ElasticStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The BM25 side of an Elasticsearch collection, read as a {@link LexicalIndex}. Texts are analyzed here, by the
 * same English analyzer as the local index ({@link LuceneLexicalIndex#terms}), and the cluster matches the terms
 * in a whitespace-analyzed field, so both backends count the same words, also on a cluster without the
 * {@code english} analyzer.
 */
final class ElasticWords implements LexicalIndex {

    /** At most this many distinct query terms, as in the local index (Lucene's clause limit). */
    private static final int MAX_TERMS = 1024;

    private final ElasticStore store;

    ElasticWords(ElasticStore store) {
        this.store = store;
    }

    /** A text's English terms, separated by spaces: what the cluster indexes for it. */
    static String terms(String text) {
        return String.join(" ", LuceneLexicalIndex.terms(text));
    }

    @Override
    public List<LexicalHit> search(String query, int k, Set<String> exclude, Predicate<String> allowed) {
        LexicalIndex.checkRequest(query, k, exclude, allowed);
        List<Map.Entry<String, Integer>> terms = LuceneLexicalIndex.queryTerms(query, MAX_TERMS);
        ElasticVectors.Pushed pushed = ElasticVectors.Pushed.of(allowed);
        return hits(Deepening.best(depth -> store.matching(new ElasticStore.Words(terms, depth, exclude,
                pushed.conditions())), k, keeps(pushed)));
    }

    @Override
    public List<LexicalHit> moreLikeThis(String text, int k, Set<String> exclude, Predicate<String> allowed) {
        LexicalIndex.checkRequest(text, k, exclude, allowed);
        String terms = terms(text);
        ElasticVectors.Pushed pushed = ElasticVectors.Pushed.of(allowed);
        return hits(Deepening.best(depth -> store.moreLikeThis(terms, depth, exclude, pushed.conditions()), k,
                keeps(pushed)));
    }

    /** As the local index's: each query term's idf, counted as often as it occurs, from the cluster's statistics. */
    @Override
    public double bestPossibleScore(String query) {
        List<Map.Entry<String, Integer>> terms = LuceneLexicalIndex.queryTerms(query, MAX_TERMS);
        ElasticStore.TermStatistics stats = store.termStatistics(terms.stream().map(Map.Entry::getKey)
                .collect(Collectors.toSet()));
        if (stats.documents() == 0) {
            return 0.0;
        }
        double best = 0;
        for (Map.Entry<String, Integer> term : terms) {
            best += term.getValue() * LexicalIndex.idf(stats.documents(), stats.frequencies().getOrDefault(
                    term.getKey(), 0L));
        }
        return best;
    }

    private static Predicate<ElasticStore.Scored> keeps(ElasticVectors.Pushed pushed) {
        return pushed.local() == null ? null : hit -> pushed.local().test(hit.id());
    }

    private static List<LexicalHit> hits(List<ElasticStore.Scored> scored) {
        var out = new ArrayList<LexicalHit>(scored.size());
        for (ElasticStore.Scored hit : scored) {
            out.add(new LexicalHit(hit.id(), hit.score()));
        }
        return out;
    }

    @Override
    public int size() {
        return store.size();
    }

    @Override
    public boolean contains(String id) {
        return store.contains(id);
    }

    /** The cluster's connection belongs to the collection's owner. */
    @Override
    public void close() {
    }
}
