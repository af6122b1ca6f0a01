package io.simdex.corpus;

import java.util.Optional;

/**
 * One title/abstract pair as read from a single file, before merging and id assignment.
 *
 * @param title        the title, whitespace-normalized
 * @param abstractText the abstract, whitespace-normalized
 * @param source       where the title stands
 * @param id           the id given explicitly by the input (JSONL {@code "id"}), or empty
 */
public record RawPaper(String title, String abstractText, Source source, Optional<String> id) {

    public RawPaper {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("raw paper title must be non-blank at " + source);
        }
        if (abstractText == null || abstractText.isBlank()) {
            throw new IllegalArgumentException("raw paper abstract must be non-blank at " + source);
        }
        if (source == null || id == null) {
            throw new IllegalArgumentException("raw paper source and id must not be null (id may be empty)");
        }
    }
}
