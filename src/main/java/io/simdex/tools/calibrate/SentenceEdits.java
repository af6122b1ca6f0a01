package io.simdex.tools.calibrate;

import io.simdex.text.Sentences;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/** Edits that move or drop whole sentences, made so that {@link Sentences#split} still finds the same sentences. */
final class SentenceEdits {

    /** Shuffles are retried this often before the text counts as impossible to reorder. */
    private static final int SHUFFLE_ATTEMPTS = 20;

    private SentenceEdits() {
    }

    /**
     * The sentences of a whitespace-normalized text in another order, or empty when they cannot be reordered
     * (fewer than two that may move, or all alike).
     *
     * <p>Two sentences keep their place because moving them would merge them with a neighbour: a first sentence
     * that does not open like one ("stream-learn is a …") and a last one without final punctuation (a trailing
     * "Code: https://…"). Every result splits back into exactly the original sentences.
     */
    static Optional<String> reorder(String text, Random random) {
        List<String> sentences = Sentences.split(text);
        int from = opensLikeSentence(sentences.isEmpty() ? "" : sentences.get(0)) ? 0 : 1;
        int to = sentences.isEmpty() || endsLikeSentence(sentences.get(sentences.size() - 1))
                ? sentences.size() : sentences.size() - 1;
        if (to - from < 2) {
            return Optional.empty();
        }
        List<String> sorted = sorted(sentences);
        for (int attempt = 0; attempt < SHUFFLE_ATTEMPTS; attempt++) {
            List<String> shuffled = new ArrayList<>(sentences);
            Collections.shuffle(shuffled.subList(from, to), random);
            String reordered = String.join(" ", shuffled);
            if (!reordered.equals(text) && sorted(Sentences.split(reordered)).equals(sorted)) {
                return Optional.of(reordered);
            }
        }
        return Optional.empty();
    }

    /**
     * The first {@code share} of the sentences of a whitespace-normalized text, rounded, at least one and never
     * all; a one-sentence text keeps that share of its words instead, and a one-word text of its characters
     * (all of it when it is a single character, there being nothing shorter).
     */
    static String truncate(String text, double share) {
        List<String> sentences = Sentences.split(text);
        if (sentences.size() >= 2) {
            return String.join(" ", sentences.subList(0, keep(sentences.size(), share)));
        }
        List<String> words = Arrays.asList(text.split(" "));
        if (words.size() >= 2) {
            return String.join(" ", words.subList(0, keep(words.size(), share)));
        }
        return text.substring(0, keep(text.length(), share));
    }

    /** {@code share} of {@code n} items, rounded, clamped to [1, n - 1] (to 1 when n is 1). */
    private static int keep(int n, double share) {
        return (int) Math.max(1, Math.min(n - 1, Math.round(n * share)));
    }

    private static boolean opensLikeSentence(String sentence) {
        char first = sentence.isEmpty() ? ' ' : sentence.charAt(0);
        return Character.isUpperCase(first) || Character.isDigit(first) || "\"'“‘«([{".indexOf(first) >= 0;
    }

    private static boolean endsLikeSentence(String sentence) {
        String trimmed = sentence.replaceAll("[)\\]}\"'”’»]+$", "");
        return !trimmed.isEmpty() && ".!?…".indexOf(trimmed.charAt(trimmed.length() - 1)) >= 0;
    }

    private static List<String> sorted(List<String> sentences) {
        List<String> sorted = new ArrayList<>(sentences);
        Collections.sort(sorted);
        return sorted;
    }
}
