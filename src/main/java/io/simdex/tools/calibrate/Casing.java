package io.simdex.tools.calibrate;

import java.util.Locale;

/** Carries the case of a word over to its replacement, so edits read as if typed. */
final class Casing {

    private Casing() {
    }

    /**
     * {@code replacement} cased like {@code original}: all capitals if the original is (at least two letters, all
     * upper case), capitalized if the original starts with a capital, otherwise as given.
     */
    static String like(String original, String replacement) {
        long letters = original.chars().filter(Character::isLetter).count();
        boolean allCaps = letters >= 2 && original.chars().filter(Character::isLetter).allMatch(Character::isUpperCase);
        if (allCaps) {
            return replacement.toUpperCase(Locale.ROOT);
        }
        return !original.isEmpty() && Character.isUpperCase(original.charAt(0)) ? capitalize(replacement) : replacement;
    }

    /** The text with its first character in upper case; empty text stays empty. */
    static String capitalize(String text) {
        if (text.isEmpty()) {
            return text;
        }
        int first = text.codePointAt(0);
        return new StringBuilder().appendCodePoint(Character.toUpperCase(first))
                .append(text, Character.charCount(first), text.length()).toString();
    }
}
