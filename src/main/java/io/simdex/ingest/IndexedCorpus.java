package io.simdex.ingest;

import io.simdex.corpus.Papers;
import io.simdex.encode.Encoder;
import io.simdex.index.VectorIndex;
import io.simdex.lexical.LexicalIndex;

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
 */
public record IndexedCorpus(Papers corpus, VectorIndex index, LexicalIndex lexical, Map<String, TokenStats> tokens,
                            int encoded) {

    public IndexedCorpus {
        Objects.requireNonNull(corpus, "corpus");
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(lexical, "lexical");
        Objects.requireNonNull(tokens, "tokens");
        if (index.size() != corpus.size() || lexical.size() != corpus.size() || tokens.size() != corpus.size()) {
            throw new IllegalArgumentException("index holds " + index.size() + " vectors, lexical index "
                    + lexical.size() + " documents and " + tokens.size() + " token counts for " + corpus.size()
                    + " papers");
        }
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
