package io.simdex.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One model's vector for one text, kept under the SHA-256 of the text: papers with the same text share it,
 * and a moved, re-imported or re-titled-back paper finds it again without being encoded.
 *
 * @param model          the model's identity, opaque to the store (the caller's model id: weights, tokenizer,
 *                       token budget, pooling); vectors of several models live side by side
 * @param textSha256     {@link #textSha256(String)} of the text that was embedded
 * @param vector         the embedding; not copied, so do not change it after handing it over
 * @param tokens         the text's length in model tokens before truncation
 * @param tokensEmbedded how many of those tokens the model read ({@code <= tokens})
 */
public record StoredEmbedding(String model, String textSha256, float[] vector, int tokens, int tokensEmbedded) {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public StoredEmbedding {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("model must be a non-blank model identity, got '" + model + "'");
        }
        if (textSha256 == null || !SHA256_HEX.matcher(textSha256).matches()) {
            throw new IllegalArgumentException("textSha256 must be 64 lowercase hex digits, got '" + textSha256 + "'");
        }
        Objects.requireNonNull(vector, "vector");
        if (vector.length == 0) {
            throw new IllegalArgumentException("vector must not be empty");
        }
        if (tokensEmbedded < 0 || tokensEmbedded > tokens) {
            throw new IllegalArgumentException("tokensEmbedded must be 0.." + tokens + ", got " + tokensEmbedded);
        }
    }

    /** The embedding of {@code text} under its {@link #textSha256(String) hash}. */
    public static StoredEmbedding of(String model, String text, float[] vector, int tokens, int tokensEmbedded) {
        return new StoredEmbedding(model, textSha256(text), vector, tokens, tokensEmbedded);
    }

    /**
     * The key a text's vectors are stored under: the lowercase hex SHA-256 of its UTF-8 bytes (the same key as
     * the evaluation's vector cache). For a paper, hash {@link io.simdex.corpus.Paper#embeddingText()}.
     */
    public static String textSha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Equal when model, text, tokens and every vector component are equal. */
    @Override
    public boolean equals(Object other) {
        return other instanceof StoredEmbedding that && model.equals(that.model) && textSha256.equals(that.textSha256)
                && Arrays.equals(vector, that.vector) && tokens == that.tokens && tokensEmbedded == that.tokensEmbedded;
    }

    @Override
    public int hashCode() {
        return Objects.hash(model, textSha256, Arrays.hashCode(vector), tokens, tokensEmbedded);
    }

    @Override
    public String toString() {
        return "StoredEmbedding[model=" + model + ", textSha256=" + textSha256 + ", dimension=" + vector.length
                + ", tokens=" + tokens + ", tokensEmbedded=" + tokensEmbedded + "]";
    }
}
