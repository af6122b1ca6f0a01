package io.simdex.ingest;

/**
 * How much of a paper's text the model read.
 *
 * @param tokens the text's length in model tokens, [CLS] and [SEP] included
 * @param tokensEmbedded how many of them were embedded; fewer means the end was truncated
 */
public record TokenStats(int tokens, int tokensEmbedded) {

    public TokenStats {
        if (tokensEmbedded < 0 || tokensEmbedded > tokens) {
            throw new IllegalArgumentException("tokensEmbedded must be 0.." + tokens + ", got " + tokensEmbedded);
        }
    }

    /** Whether the end of the text was cut off to fit the model's token budget. */
    public boolean truncated() {
        return tokensEmbedded < tokens;
    }
}
