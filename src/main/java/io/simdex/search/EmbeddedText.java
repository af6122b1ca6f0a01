package io.simdex.search;

import io.simdex.ingest.TokenStats;

import java.util.Objects;

/**
 * A text embedded as simdex embeds papers, for clients that want simdex's vectors themselves.
 *
 * @param vector the unit-length vector, as the index would hold it for a paper with this text
 * @param tokens the text's length in model tokens ([CLS] and [SEP] included) and how many of them the model read
 */
public record EmbeddedText(float[] vector, TokenStats tokens) {

    public EmbeddedText {
        Objects.requireNonNull(vector, "vector");
        Objects.requireNonNull(tokens, "tokens");
    }
}
