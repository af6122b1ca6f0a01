package io.simdex.corpus;

import java.util.List;
import java.util.Map;

/**
 * One unique paper of the corpus, with every place it was read from.
 *
 * @param id           stable URL-safe id (a title slug, or the id the input gave)
 * @param title        the title, whitespace-normalized; empty when the input had none
 * @param abstractText the abstract, whitespace-normalized, never blank
 * @param sources      where the paper was read, ordered by file name then line (may be empty for
 *                     papers built in code); the list is copied and unmodifiable
 * @param metadata     the input's other fields (year, authors, doi…), as they came ({@link Metadata})
 */
public record Paper(String id, String title, String abstractText, List<Source> sources,
                    Map<String, Object> metadata) {

    public Paper {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("paper id must be non-blank, got: " + id);
        }
        if (title == null) {
            throw new IllegalArgumentException("paper " + id + ": title must not be null (use \"\" for none)");
        }
        if (abstractText == null || abstractText.isBlank()) {
            throw new IllegalArgumentException("paper " + id + ": abstract must be non-blank");
        }
        if (sources == null) {
            throw new IllegalArgumentException("paper " + id + ": sources must not be null (use an empty list)");
        }
        sources = List.copyOf(sources);
        metadata = Metadata.copyOf(metadata);
    }

    /** A paper without metadata. */
    public Paper(String id, String title, String abstractText, List<Source> sources) {
        this(id, title, abstractText, sources, Map.of());
    }

    /**
     * The text to embed: the title as its own sentence, then the abstract.
     *
     * <p>A {@code .} is appended to the title unless it already ends in {@code .}, {@code ?} or {@code !};
     * then one space and the abstract follow. {@code "Adam" + "We introduce…"} gives
     * {@code "Adam. We introduce…"}; {@code "Can LLMs plan?"} keeps its question mark. A paper without a
     * title is its abstract alone.
     */
    public String embeddingText() {
        return embeddingText(title, abstractText);
    }

    /**
     * The text {@link #embeddingText()} gives for a title and an abstract, for texts that are not (yet) papers
     * of the corpus, so that they are embedded exactly as papers are.
     *
     * @param title the title; blank or null for none
     * @throws IllegalArgumentException if the abstract is blank
     */
    public static String embeddingText(String title, String abstractText) {
        if (abstractText == null || abstractText.isBlank()) {
            throw new IllegalArgumentException("the abstract must be non-blank");
        }
        if (title == null || title.isBlank()) {
            return abstractText.strip();
        }
        String head = title.strip();
        char last = head.charAt(head.length() - 1);
        boolean endsSentence = last == '.' || last == '?' || last == '!';
        return head + (endsSentence ? "" : ".") + " " + abstractText.strip();
    }
}
