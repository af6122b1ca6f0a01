package io.simdex.lexical;

import java.util.Objects;

/**
 * One document to index for lexical search.
 *
 * @param id   the id search hits carry; non-blank and unique within an index
 * @param text the text to match words against; may be empty
 */
public record LexicalDocument(String id, String text) {

    public LexicalDocument {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("document id must be non-blank, got: " + id);
        }
        Objects.requireNonNull(text, "text of document " + id);
    }
}
