package io.simdex.text;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The specific tokens of a text: the numbers, names and acronyms a rewrite of a paper keeps and a different paper
 * on the same topic changes (85.3%, 7B, CIFAR-10, GPT-4, ImageNet, BERT, MS-MARCO).
 *
 * <p>A token is a maximal run of letters and digits, joined across single {@code - . , / +} characters that
 * sit between two letters or digits ("NV-Retriever-v1", "2.51", "10,000"), with a {@code %} right after it (or
 * after one space) kept as its unit. A token is specific when it is
 * <ul>
 *   <li>a number: it has a digit and is not one digit alone (list markers "1", "(2)" and "i" carry nothing),
 *       e.g. 76.5%, 2024, 7B, 64x64, 10,000 (written 10000);</li>
 *   <li>a name: one of its hyphen-separated parts has two capital letters (BERT, LSeg, OLMoE, MS), a capital
 *       after a small letter (ImageNet, radarFudan), or both a letter and a digit (T5, v1).</li>
 * </ul>
 * A capitalized word ("The", "Transformer", "Question-Answering") is not specific. Tokens are compared in lower
 * case, with the plural s of an acronym dropped (LLMs = LLM, DAGs = DAG).
 */
public final class SpecificTokens {

    /** Letters and digits, joined across single inner punctuation; an optional percent sign as unit. */
    private static final Pattern TOKEN = Pattern.compile(
            "[\\p{L}\\p{N}]+(?:[-./,+][\\p{L}\\p{N}]+)*(?:\\s?%)?");

    private static final Pattern ACRONYM_PLURAL = Pattern.compile("(?:\\p{Lu}[\\p{Lu}\\p{N}]*-?)*\\p{Lu}{2,}s");

    private SpecificTokens() {
    }

    /**
     * The specific tokens of a text, lower-cased, in sorted order.
     *
     * @throws NullPointerException if {@code text} is null
     */
    public static Set<String> of(String text) {
        Objects.requireNonNull(text, "text");
        String normalized = Normalizer.normalize(text, Normalizer.Form.NFKC).replace("\\%", "%");
        var tokens = new TreeSet<String>();
        Matcher m = TOKEN.matcher(normalized);
        while (m.find()) {
            String token = m.group();
            boolean percent = token.endsWith("%");
            String word = percent ? token.substring(0, token.length() - 1).strip() : token;
            if (isNumber(word)) {
                tokens.add(word.replace(",", "") + (percent ? "%" : ""));
            } else if (isName(word)) {
                tokens.add(singular(word).toLowerCase(Locale.ROOT));
            }
        }
        return tokens;
    }

    /**
     * How much of the smaller set of specific tokens the other shares, {@code |A ∩ B| / min(|A|, |B|)}; NaN when
     * either set is empty, since a text without numbers or names says nothing either way.
     */
    public static float overlap(Set<String> a, Set<String> b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        int smaller = Math.min(a.size(), b.size());
        if (smaller == 0) {
            return Float.NaN;
        }
        Set<String> small = a.size() <= b.size() ? a : b;
        Set<String> large = small == a ? b : a;
        int shared = 0;
        for (String token : small) {
            shared += large.contains(token) ? 1 : 0;
        }
        return (float) shared / smaller;
    }

    /** The overlap of the specific tokens of two texts; see {@link #overlap(Set, Set)}. */
    public static float overlap(String a, String b) {
        return overlap(of(a), of(b));
    }

    /** "10,000" and "3.5" are numbers; a lone digit is a list marker, not a number worth comparing. */
    private static boolean isNumber(String word) {
        boolean digit = false;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (Character.isDigit(c)) {
                digit = true;
            } else if (Character.isLetter(c)) {
                return false;
            }
        }
        return digit && word.length() > 1;
    }

    private static boolean isName(String word) {
        for (String part : word.split("[-./,+]")) {
            int capitals = 0;
            boolean letter = false;
            boolean digit = false;
            boolean camel = false;
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                capitals += Character.isUpperCase(c) ? 1 : 0;
                letter |= Character.isLetter(c);
                digit |= Character.isDigit(c);
                camel |= i > 0 && Character.isUpperCase(c) && Character.isLowerCase(part.charAt(i - 1));
            }
            if (capitals >= 2 || camel || (letter && digit)) {
                return true;
            }
        }
        return false;
    }

    private static String singular(String word) {
        return ACRONYM_PLURAL.matcher(word).matches() ? word.substring(0, word.length() - 1) : word;
    }
}
