package io.simdex.encode;

import java.util.Objects;

/**
 * One encoded text: its unit-length vector and how much of the text the model saw.
 *
 * @param vector the L2-normalized embedding
 * @param tokens the text's length in model tokens before truncation, [CLS] and [SEP] included
 * @param tokensEmbedded how many of those tokens the model read ({@code <= tokens})
 */
public record Embedding(float[] vector, int tokens, int tokensEmbedded) {

    public Embedding {
        Objects.requireNonNull(vector, "vector");
        if (tokensEmbedded < 0 || tokensEmbedded > tokens) {
            throw new IllegalArgumentException(
                    "tokensEmbedded must be 0.." + tokens + ", got " + tokensEmbedded);
        }
    }

    /** Whether the end of the text was cut off to fit the model's token budget. */
    public boolean truncated() {
        return tokensEmbedded < tokens;
    }
}
