package io.simdex.ingest;

import io.simdex.corpus.Papers;
import io.simdex.encode.Encoder;
import io.simdex.index.Hit;
import io.simdex.index.SearchRequest;
import io.simdex.index.VectorIndex;
import io.simdex.lexical.LexicalHit;
import io.simdex.lexical.LexicalIndex;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The papers with every paper's vector in an index and its words in a lexical index: what the use cases search.
 * Built once from a fixed corpus, or a live view of a collection that changes while it serves (then
 * {@code tokens} is that collection's live map, and sizes may move).
 *
 * @param corpus the papers
 * @param index one vector per paper, under the paper's id, added in id order
 * @param lexical one document per paper, its {@link io.simdex.corpus.Paper#embeddingText() title and abstract},
 *                under the paper's id, added in id order
 * @param tokens per paper id, how much of its text the model read
 * @param encoded how many papers were encoded at start-up; the rest came from the cache
 * @param both    runs the two rankings of a hybrid search; {@link #separately} asks the indexes one after the
 *                other, a backend that holds both (Elasticsearch) asks them in one round trip
 */
public record IndexedCorpus(Papers corpus, VectorIndex index, LexicalIndex lexical, Map<String, TokenStats> tokens,
                            int encoded, BothRankings both) {

    public IndexedCorpus {
        Objects.requireNonNull(corpus, "corpus");
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(lexical, "lexical");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(both, "both");
        if (index.size() != corpus.size() || lexical.size() != corpus.size() || tokens.size() != corpus.size()) {
            throw new IllegalArgumentException("index holds " + index.size() + " vectors, lexical index "
                    + lexical.size() + " documents and " + tokens.size() + " token counts for " + corpus.size()
                    + " papers");
        }
    }

    /** Papers whose two rankings are asked of their two indexes one after the other. */
    public IndexedCorpus(Papers corpus, VectorIndex index, LexicalIndex lexical, Map<String, TokenStats> tokens,
            int encoded) {
        this(corpus, index, lexical, tokens, encoded, separately(index, lexical));
    }

    /**
     * The two rankings a hybrid search fuses.
     *
     * @param byMeaning the vector index's hits
     * @param byWords   the lexical index's hits
     */
    public record Rankings(List<Hit> byMeaning, List<LexicalHit> byWords) {
    }

    /** Answers both rankings of one hybrid question. */
    @FunctionalInterface
    public interface BothRankings {
        /**
         * The nearest papers to {@code meaning}'s vector and the best BM25 matches for {@code text}, each as deep
         * as {@code meaning.k()}, with its exclusions and filter.
         */
        Rankings rank(SearchRequest meaning, String text);
    }

    /** {@link BothRankings} that asks the vector index, then the lexical index. */
    public static BothRankings separately(VectorIndex index, LexicalIndex lexical) {
        return (meaning, text) -> new Rankings(index.search(meaning),
                lexical.search(text, meaning.k(), meaning.excludeIds(), meaning.filter()));
    }

    /** Both rankings of a hybrid search, as {@link #both} answers them. */
    public Rankings rankBoth(SearchRequest meaning, String text) {
        return both.rank(meaning, text);
    }

    /**
     * Checks that {@code encoder} makes vectors this corpus's index can compare, before a use case pairs them.
     *
     * @throws IllegalArgumentException if the encoder's dimension is not the index's
     */
    public void requireEncoder(Encoder encoder) {
        if (encoder.dimension() != index.dimension()) {
            throw new IllegalArgumentException("encoder dimension " + encoder.dimension()
                    + " differs from index dimension " + index.dimension());
        }
    }
}
