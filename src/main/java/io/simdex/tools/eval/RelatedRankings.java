package io.simdex.tools.eval;

import io.simdex.index.FlatIndex;
import io.simdex.index.Hit;
import io.simdex.index.IndexOptions;
import io.simdex.index.SearchRequest;
import io.simdex.lexical.LexicalDocument;
import io.simdex.lexical.LexicalHit;
import io.simdex.lexical.LexicalIndex;
import io.simdex.search.RankFusion;
import io.simdex.search.Ranker;
import io.simdex.search.SearchMode;
import io.simdex.search.SearchOptions;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * "More like this" over a set of documents, ranked as {@code GET /api/papers/{id}/similar} ranks in each mode:
 * {@code vector} searches the paper's own vector in the product's {@link FlatIndex}, {@code lexical} asks the
 * product's {@link LexicalIndex#moreLikeThis} with the paper's text, and {@code hybrid} fuses the two, and the
 * BM25 ranking of the paper's title, by the service's rule ({@link Ranker#related}). The paper itself never ranks.
 */
final class RelatedRankings implements AutoCloseable {

    private final Map<String, String> texts;
    private final Map<String, String> titles;
    private final FlatIndex index;
    private final LexicalIndex words;
    private final Ranker ranker;

    /**
     * @param vectors unit vectors, one per id, in the order of {@code ids}
     * @param texts   each document's text, as embedded, in the order of {@code ids}
     * @param titles  each document's title (blank for none), in the order of {@code ids}
     */
    RelatedRankings(List<String> ids, List<String> texts, List<String> titles, float[][] vectors,
            SearchOptions options) {
        this.texts = new HashMap<>(ids.size() * 2);
        this.titles = new HashMap<>(ids.size() * 2);
        for (int i = 0; i < ids.size(); i++) {
            this.texts.put(ids.get(i), texts.get(i));
            this.titles.put(ids.get(i), titles.get(i));
        }
        this.ranker = new Ranker(options);
        this.index = new FlatIndex(vectors[0].length, IndexOptions.defaults());
        try {
            index.addAll(ids, vectors);
            this.words = LexicalIndex.build(ids.stream().map(id -> new LexicalDocument(id, this.texts.get(id)))
                    .toList());
        } catch (RuntimeException e) {
            index.close();
            throw e;
        }
    }

    /** The ranking of {@code mode}. */
    RelatedMetrics.Ranking ranking(SearchMode mode) {
        return switch (mode) {
            case VECTOR -> this::byMeaning;
            case LEXICAL -> this::byWords;
            case HYBRID -> (id, leaveOut, depth) -> ranker.related(byMeaning(id, leaveOut, ranker.depth(depth)),
                    byWords(id, leaveOut, ranker.depth(depth)), byTitle(id, leaveOut, ranker.depth(depth)), depth)
                    .stream().map(RankFusion.Fused::id).toList();
        };
    }

    private List<String> byMeaning(String id, Set<String> leaveOut, int depth) {
        return index.search(new SearchRequest(index.vector(id).orElseThrow(), depth, with(leaveOut, id),
                SearchRequest.NO_MIN_SCORE)).stream().map(Hit::id).toList();
    }

    private List<String> byWords(String id, Set<String> leaveOut, int depth) {
        return words.moreLikeThis(texts.get(id), depth, with(leaveOut, id), x -> true).stream()
                .map(LexicalHit::id).toList();
    }

    /** As the service: BM25 with the paper's title as the query, when the fusion uses it and there is a title. */
    private List<String> byTitle(String id, Set<String> leaveOut, int depth) {
        String title = titles.get(id);
        if (!ranker.relatedByTitle() || title == null || title.isBlank()) {
            return List.of();
        }
        return words.search(title, depth, with(leaveOut, id), x -> true).stream().map(LexicalHit::id).toList();
    }

    private static Set<String> with(Set<String> ids, String id) {
        var all = new HashSet<>(ids);
        all.add(id);
        return all;
    }

    @Override
    public void close() {
        try {
            index.close();
        } finally {
            words.close();
        }
    }
}
