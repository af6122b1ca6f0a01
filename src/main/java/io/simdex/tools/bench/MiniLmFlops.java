package io.simdex.tools.bench;

/**
 * Matrix-multiply work of one all-MiniLM-L6-v2 forward pass, the numerator of "fraction of the compute
 * limit".
 *
 * <p>Per token and layer: the Q, K, V and output projections ({@code 4·h²} multiply-adds), the feed-forward
 * block ({@code 2·h·f}), and attention scores plus the weighted sum over the {@code t} tokens of the text
 * ({@code 2·t·h}); one multiply-add is 2 FLOPs. Embedding lookup, layer norms, softmax and GELU are left
 * out: they are a few percent and not matmuls. Padding is not counted, so this is the useful work.
 */
public final class MiniLmFlops {

    public static final int LAYERS = 6;
    public static final int HIDDEN = 384;
    public static final int FFN = 1536;
    public static final int HEADS = 12;

    /** The formula as the results print it. */
    public static final String FORMULA = "FLOPs(text of t tokens) = L · t · (2·(4·h² + 2·h·f) + 2·2·t·h), "
            + "L=" + LAYERS + " layers, h=" + HIDDEN + ", f=" + FFN + " (" + HEADS + " heads do not change the count)";

    private MiniLmFlops() {
    }

    /** FLOPs per token per layer for a text of {@code tokens} tokens. */
    public static double perTokenPerLayer(int tokens) {
        checkTokens(tokens);
        double h = HIDDEN;
        return 2 * (4 * h * h + 2 * h * FFN) + 2 * 2 * (double) tokens * h;
    }

    /** FLOPs of encoding one text of {@code tokens} tokens ([CLS] and [SEP] included). */
    public static double forText(int tokens) {
        return LAYERS * (double) tokens * perTokenPerLayer(tokens);
    }

    private static void checkTokens(int tokens) {
        if (tokens < 1) {
            throw new IllegalArgumentException("tokens must be >= 1 but was " + tokens);
        }
    }
}
