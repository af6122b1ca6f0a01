package io.simdex.store;

/**
 * A paper's vector under one model, as start-up reads them to build the indexes.
 *
 * @param id             the paper's id
 * @param vector         the embedding of the paper's text, as it was stored (a fresh array per row)
 * @param tokens         the text's length in model tokens before truncation
 * @param tokensEmbedded how many of those tokens the model read
 */
public record PaperEmbedding(String id, float[] vector, int tokens, int tokensEmbedded) {

    /** Whether the end of the text was cut off to fit the model's token budget. */
    public boolean truncated() {
        return tokensEmbedded < tokens;
    }
}
