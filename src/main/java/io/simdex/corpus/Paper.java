package io.simdex.corpus;

import java.util.List;

/**
 * One unique paper of the corpus, with every place it was read from.
 *
 * @param id           stable URL-safe id (a title slug, or the id given in a JSONL file)
 * @param title        the title, whitespace-normalized, never blank
 * @param abstractText the abstract, whitespace-normalized, never blank
 * @param sources      where the paper was read, ordered by file name then line (may be empty for
 *                     papers built in code); the list is copied and unmodifiable
 */
public record Paper(String id, String title, String abstractText, List<Source> sources) {

    public Paper {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("paper id must be non-blank, got: " + id);
        }
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("paper " + id + ": title must be non-blank");
        }
        if (abstractText == null || abstractText.isBlank()) {
            throw new IllegalArgumentException("paper " + id + ": abstract must be non-blank");
        }
        if (sources == null) {
            throw new IllegalArgumentException("paper " + id + ": sources must not be null (use an empty list)");
        }
        sources = List.copyOf(sources);
    }

    /**
     * The text to embed: the title as its own sentence, then the abstract.
     *
     * <p>A {@code .} is appended to the title unless it already ends in {@code .}, {@code ?} or {@code !};
     * then one space and the abstract follow. {@code "Adam" + "We introduce…"} gives
     * {@code "Adam. We introduce…"}; {@code "Can LLMs plan?"} keeps its question mark.
     */
    public String embeddingText() {
        return embeddingText(title, abstractText);
    }

    /**
     * The text {@link #embeddingText()} gives for a title and an abstract, for texts that are not (yet) papers
     * of the corpus, so that they are embedded exactly as papers are.
     *
     * @throws IllegalArgumentException if either part is blank
     */
    public static String embeddingText(String title, String abstractText) {
        if (title == null || title.isBlank() || abstractText == null || abstractText.isBlank()) {
            throw new IllegalArgumentException("title and abstract must both be non-blank");
        }
        String head = title.strip();
        char last = head.charAt(head.length() - 1);
        boolean endsSentence = last == '.' || last == '?' || last == '!';
        return head + (endsSentence ? "" : ".") + " " + abstractText.strip();
    }
}
