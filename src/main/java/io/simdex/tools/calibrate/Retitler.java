package io.simdex.tools.calibrate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** A different title for the same work, the way titles change between a preprint and its publication. */
final class Retitler {

    private static final String COLON = ": ";

    private Retitler() {
    }

    /**
     * A new title, chosen at random among the rewrites that fit: drop a one-word prefix before a colon
     * ("CATSplat: Context-Aware …" → "Context-Aware …"), swap the parts around the colon, or rephrase with the
     * paraphraser's dictionary. If none of them changes the words, the title gets a prefix: "On …", or
     * "A Closer Look: …" for a question. The result never has the same words as the title in the same order.
     */
    static String retitle(String title, Random random) {
        List<String> candidates = new ArrayList<>();
        int colon = title.indexOf(COLON);
        if (colon > 0) {
            String head = title.substring(0, colon).strip();
            String tail = title.substring(colon + COLON.length()).strip();
            if (!tail.isEmpty()) {
                if (!head.contains(" ")) {
                    candidates.add(Casing.capitalize(tail));
                }
                String swapped = Casing.capitalize(stripFinalPeriod(tail));
                boolean endsSentence = swapped.endsWith("?") || swapped.endsWith("!");
                candidates.add(swapped + (endsSentence ? " " : COLON) + head);
            }
        }
        candidates.add(Paraphraser.rewrite(title, random, 1.0));
        candidates.removeIf(candidate -> sameWords(candidate, title));
        if (candidates.isEmpty()) {
            return title.endsWith("?") ? "A Closer Look" + COLON + title : "On " + title;
        }
        return candidates.get(random.nextInt(candidates.size()));
    }

    /** Whether two titles have the same words in the same order, ignoring case and punctuation. */
    static boolean sameWords(String a, String b) {
        return words(a).equals(words(b));
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(word -> !word.isEmpty())
                .toList();
    }

    private static String stripFinalPeriod(String text) {
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }
}
