package io.simdex.search;

import io.simdex.corpus.Paper;
import io.simdex.encode.Encoder;
import io.simdex.index.Hit;
import io.simdex.index.SearchRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The questions simdex answers, free of HTTP: nearest papers to a text, papers like a given one, and a
 * paper's details. Safe for concurrent use.
 */
public final class SimilarityService implements AutoCloseable {

    private final IndexedCorpus corpus;
    private final Encoder encoder;

    public SimilarityService(IndexedCorpus corpus, Encoder encoder) {
        this.corpus = Objects.requireNonNull(corpus, "corpus");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        if (encoder.dimension() != corpus.index().dimension()) {
            throw new IllegalArgumentException("encoder dimension " + encoder.dimension()
                    + " differs from index dimension " + corpus.index().dimension());
        }
    }

    /**
     * The {@code k} papers nearest to free text.
     *
     * @param minScore drop matches scoring below this cosine, in [-1, 1]
     */
    public SearchResult search(String text, int k, float minScore) {
        long start = System.nanoTime();
        float[] query = encoder.encode(text).vector();
        List<Hit> hits = corpus.index().search(new SearchRequest(query, k, Set.of(), minScore));
        return result(hits, start);
    }

    /**
     * "More like this": the {@code k} papers nearest to a paper of the corpus, never the paper itself.
     *
     * @throws UnknownPaperException if no paper has this id
     */
    public SearchResult similar(String id, int k, float minScore) {
        long start = System.nanoTime();
        float[] vector = corpus.index().vector(id).orElseThrow(() -> new UnknownPaperException(id));
        List<Hit> hits = corpus.index().search(new SearchRequest(vector, k, Set.of(id), minScore));
        return result(hits, start);
    }

    /** @throws UnknownPaperException if no paper has this id */
    public Paper paper(String id) {
        return corpus.corpus().find(id).orElseThrow(() -> new UnknownPaperException(id));
    }

    /** @throws UnknownPaperException if no paper has this id */
    public TokenStats tokens(String id) {
        TokenStats stats = corpus.tokens().get(id);
        if (stats == null) {
            throw new UnknownPaperException(id);
        }
        return stats;
    }

    public int paperCount() {
        return corpus.corpus().size();
    }

    public String modelName() {
        return encoder.modelName();
    }

    public int dimension() {
        return encoder.dimension();
    }

    /** Releases the index (its scan threads and, with int8 storage, its memory-mapped file); not the encoder. */
    @Override
    public void close() {
        corpus.index().close();
    }

    public int maxTokens() {
        return encoder.maxTokens();
    }

    private SearchResult result(List<Hit> hits, long startNanos) {
        var matches = new ArrayList<Match>(hits.size());
        for (Hit hit : hits) {
            Paper paper = corpus.corpus().find(hit.id()).orElseThrow();
            matches.add(new Match(hit.id(), paper.title(), hit.score(), matches.size() + 1));
        }
        return new SearchResult(matches, (System.nanoTime() - startNanos) / 1_000_000);
    }
}
