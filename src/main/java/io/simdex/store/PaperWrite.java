package io.simdex.store;

import io.simdex.corpus.Paper;

import java.util.Objects;
import java.util.Optional;

/**
 * One paper to store, with the version the caller last saw and, optionally, its text's vector.
 *
 * @param paper           the paper to create or replace
 * @param expectedVersion the version the stored paper must have for the write to happen ({@code If-Match}); 0
 *                        means "must not exist yet"; empty writes unconditionally
 * @param embedding       the vector of {@link Paper#embeddingText()} under one model, stored with the paper
 */
public record PaperWrite(Paper paper, Optional<Long> expectedVersion, Optional<StoredEmbedding> embedding) {

    public PaperWrite {
        Objects.requireNonNull(paper, "paper");
        Objects.requireNonNull(expectedVersion, "expectedVersion");
        Objects.requireNonNull(embedding, "embedding");
        if (expectedVersion.isPresent() && expectedVersion.get() < 0) {
            throw new IllegalArgumentException("expectedVersion must be >= 0, got " + expectedVersion.get());
        }
        String textSha256 = StoredEmbedding.textSha256(paper.embeddingText());
        if (embedding.isPresent() && !embedding.get().textSha256().equals(textSha256)) {
            throw new IllegalArgumentException("the embedding given with paper '" + paper.id() + "' is of another"
                    + " text (sha256 " + embedding.get().textSha256() + ", the paper's is " + textSha256 + ")");
        }
    }

    /** An unconditional write of a paper with its vector, as an import does. */
    public static PaperWrite of(Paper paper, StoredEmbedding embedding) {
        return new PaperWrite(paper, Optional.empty(), Optional.of(embedding));
    }

    /** An unconditional write of a paper without a vector. */
    public static PaperWrite of(Paper paper) {
        return new PaperWrite(paper, Optional.empty(), Optional.empty());
    }
}
