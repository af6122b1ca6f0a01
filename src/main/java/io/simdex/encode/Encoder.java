package io.simdex.encode;

import java.util.List;

/** Turns texts into unit-length embedding vectors; implementations must be safe for concurrent callers. */
public interface Encoder extends AutoCloseable {

    /**
     * A string that changes whenever the vectors for the same text could change: model files, token
     * budget, pooling. Caches key on it.
     */
    String modelId();

    /** A short human name for logs and {@code /health}, e.g. {@code all-minilm-l6-v2}. */
    String modelName();

    /** Length of every vector this encoder returns. */
    int dimension();

    /** Token budget per text, [CLS] and [SEP] included; longer texts are truncated and say so. */
    int maxTokens();

    /**
     * Encodes texts in one call, batching internally.
     *
     * @return one embedding per text, in input order; an empty list for empty input
     * @throws EncoderException when the model fails
     */
    List<Embedding> encode(List<String> texts);

    /** Encodes one text; see {@link #encode(List)}. */
    default Embedding encode(String text) {
        return encode(List.of(text)).get(0);
    }

    /**
     * Encodes short free-text search queries, with the model's query instruction in front when it has one
     * (bge-small-en-v1.5 does; all-MiniLM-L6-v2 does not). Documents, paper-to-paper lookups and duplicate
     * checks use {@link #encode(List)}.
     */
    default List<Embedding> encodeQueries(List<String> queries) {
        String instruction = queryInstruction();
        if (instruction.isEmpty()) {
            return encode(queries);
        }
        return encode(queries.stream().map(query -> instruction + query).toList());
    }

    /** The text put in front of search queries, from the model's descriptor; empty when the model uses none. */
    default String queryInstruction() {
        return "";
    }

    /** Encodes one search query; see {@link #encodeQueries(List)}. */
    default Embedding encodeQuery(String query) {
        return encodeQueries(List.of(query)).get(0);
    }

    /** Releases the model and its native resources; idempotent. */
    @Override
    void close();
}
