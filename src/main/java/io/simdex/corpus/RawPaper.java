package io.simdex.corpus;

import java.util.Map;
import java.util.Optional;

/**
 * One title/abstract pair as read from a single file, before merging and id assignment.
 *
 * @param title        the title, whitespace-normalized; empty when the input had none
 * @param abstractText the abstract, whitespace-normalized
 * @param source       where the title stands
 * @param id           the id given explicitly by the input (JSONL or CSV {@code id} or {@code _id}), or empty
 * @param metadata     the input's other fields, as they came ({@link Metadata})
 */
public record RawPaper(String title, String abstractText, Source source, Optional<String> id,
                       Map<String, Object> metadata) {

    public RawPaper {
        if (title == null) {
            throw new IllegalArgumentException("raw paper title must not be null (use \"\" for none) at " + source);
        }
        if (abstractText == null || abstractText.isBlank()) {
            throw new IllegalArgumentException("raw paper abstract must be non-blank at " + source);
        }
        if (source == null || id == null) {
            throw new IllegalArgumentException("raw paper source and id must not be null (id may be empty)");
        }
        metadata = Metadata.copyOf(metadata);
    }

    /** A raw paper without metadata, as pages give them. */
    public RawPaper(String title, String abstractText, Source source, Optional<String> id) {
        this(title, abstractText, source, id, Map.of());
    }

    /** What makes two id-less entries the same paper: the title, or the abstract when there is no title. */
    String mergeKey() {
        return title.isEmpty() ? "\u0000" + abstractText : title;
    }
}
