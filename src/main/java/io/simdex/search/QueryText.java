package io.simdex.search;

import io.simdex.corpus.Paper;

/** The one way a text given as {@code text}, or as a title and an abstract, becomes the text to embed. */
public final class QueryText {

    /** A valid request body, for messages. */
    public static final String EXAMPLE = "{\"title\": \"...\", \"abstract\": \"...\"} or {\"text\": \"...\"}";

    private QueryText() {
    }

    /**
     * {@code text} as given, or the title and abstract joined exactly as corpus papers are
     * ({@link Paper#embeddingText(String, String)}), or whichever of the two is given. Null or blank parts count
     * as absent.
     *
     * @throws InvalidQueryException if there is no text at all, or both {@code text} and a title or abstract
     */
    public static String of(String text, String title, String abstractText) {
        boolean hasText = text != null && !text.isBlank();
        boolean hasTitle = title != null && !title.isBlank();
        boolean hasAbstract = abstractText != null && !abstractText.isBlank();
        if (hasText && (hasTitle || hasAbstract)) {
            throw new InvalidQueryException("text", "give either 'text' or 'title' and 'abstract', not both");
        }
        if (hasText) {
            return text;
        }
        if (!hasTitle && !hasAbstract) {
            throw new InvalidQueryException("text", "there is no text to check; send " + EXAMPLE);
        }
        if (hasTitle && hasAbstract) {
            return Paper.embeddingText(title, abstractText);
        }
        return hasTitle ? title : abstractText;
    }
}
