package io.simdex.text;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/** Sentence splitting tuned for scientific abstracts, where most periods do not end a sentence. */
public final class Sentences {

    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\R\\s*\\R", Pattern.UNICODE_CHARACTER_CLASS);

    /** Abbreviations that always lead into more of the same sentence ("e.g. BERT", "Fig. 3", "Prof. Hinton"). */
    private static final Set<String> CONTINUING = Set.of(
            "e.g.", "i.e.", "cf.", "vs.", "viz.", "approx.", "ca.", "fig.", "figs.", "eq.", "eqs.", "sec.",
            "secs.", "ref.", "refs.", "tab.", "dr.", "prof.", "mr.", "mrs.", "ms.", "st.");

    /** Abbreviations that end a sentence when a capital letter follows ("… etc. The"), not otherwise. */
    private static final Set<String> MAYBE_FINAL = Set.of("etc.", "resp.");

    /**
     * Abbreviations usually followed by a proper noun ("U.S. Army", "Inc. Labs"): they end a sentence only
     * before a word that typically opens one.
     */
    private static final Set<String> BEFORE_NAMES = Set.of("inc.", "ltd.", "corp.", "co.", "jr.", "sr.", "no.", "nos.");

    /** Dotted abbreviations such as U.S., i.i.d., Ph.D.; they are treated like {@link #BEFORE_NAMES}. */
    private static final Pattern DOTTED = Pattern.compile("(?:\\p{L}{1,2}\\.){2,}");

    /** An initial ("J.") or a one-letter variable at the end of a sentence ("… for H. We show"). */
    private static final Pattern INITIAL = Pattern.compile("\\p{Lu}\\.");

    /** A list marker that opens a sentence: "1.", "a.", "iv.". */
    private static final Pattern LIST_MARKER = Pattern.compile("(?:\\d{1,2}|\\p{L}|[ivxIVX]{2,4})\\.");

    /** Words that often open a sentence in an abstract; they resolve the ambiguous cases above. */
    private static final Set<String> OPENERS = Set.of(
            "A", "Additionally", "Although", "An", "And", "As", "At", "Based", "Both", "But", "By", "Can", "Code",
            "Consequently", "Despite", "Do", "Does", "Each", "Empirically", "Existing", "Experimental",
            "Experiments", "Extensive", "Finally", "First", "For", "From", "Further", "Furthermore", "Given",
            "Hence", "Here", "How", "However", "If", "Importantly", "In", "Is", "It", "Its", "Lastly", "Many",
            "Meanwhile", "Moreover", "Most", "Nevertheless", "Next", "Nonetheless", "Notably", "On", "Our",
            "Overall", "Prior", "Recent", "Results", "Second", "Similarly", "Since", "Some", "Specifically", "Such",
            "That", "The", "Their", "Then", "Theoretically", "There", "These", "They", "Third", "This", "Those",
            "Thus", "To", "Unlike", "Using", "We", "What", "When", "Which", "While", "Why", "With", "Yet");

    private static final String OPENING_QUOTES = "\"'“‘«";
    private static final String CLOSERS = ")]}\"'”’»";

    private Sentences() {
    }

    /**
     * Splits a text into sentences.
     *
     * <p>A sentence ends at {@code .}, {@code !} or {@code ?} (with any closing quotes or brackets right after
     * it) when whitespace and then a capital letter, a digit, a quote or an opening bracket follow; a
     * semicolon never ends one. A blank line ends a paragraph and with it a sentence; a single line break is
     * just whitespace. A period does not end a sentence
     * <ul>
     *   <li>after abbreviations that lead into more text: e.g., i.e., cf., vs., Fig., Eq., Sec., approx.,
     *       Dr., Prof., and "No." before a number;</li>
     *   <li>after etc., et al. (also "et. al.") and resp. unless a capital letter follows ("et al. (2021)"
     *       stays whole);</li>
     *   <li>after an initial ("J. Smith"), a dotted abbreviation (U.S., i.i.d.) or Inc., Ltd. and the like,
     *       unless the next word is one that typically opens a sentence ("… for H. We show");</li>
     *   <li>after a list marker ("1.", "b.", "iv.") at the start of a sentence or after a colon, comma or
     *       semicolon ("steps: 1. Collect data, 2. Train");</li>
     *   <li>in an ellipsis ({@code ...} or {@code …});</li>
     *   <li>inside a matched pair of brackets, so "(see Sec. 3. The proof)" stays one sentence; an unmatched
     *       bracket is ignored rather than swallowing the rest of the text.</li>
     * </ul>
     * Decimals (3.5), versions (v1.2) and URLs (github.com/x) never split because no whitespace follows their
     * periods; the period that ends a sentence after a URL still does.
     *
     * <p>No text is lost: each sentence is trimmed and whitespace-normalized (runs of Unicode whitespace become
     * one space), and joining the sentences with single spaces gives back the whitespace-normalized input.
     *
     * @param text any text
     * @return the sentences in reading order, none blank; empty for blank text
     * @throws NullPointerException if {@code text} is null
     */
    public static List<String> split(String text) {
        Objects.requireNonNull(text, "text");
        List<String> sentences = new ArrayList<>();
        for (String paragraph : PARAGRAPH_BREAK.split(text)) {
            String normalized = Whitespace.normalize(paragraph);
            if (!normalized.isEmpty()) {
                splitParagraph(normalized, sentences);
            }
        }
        return List.copyOf(sentences);
    }


    /** Splits one whitespace-normalized paragraph, where every gap is exactly one space. */
    private static void splitParagraph(String paragraph, List<String> sentences) {
        boolean[] bracketed = bracketedPositions(paragraph);
        int start = 0;
        int i = 0;
        while (i < paragraph.length()) {
            if (!isTerminator(paragraph.charAt(i))) {
                i++;
                continue;
            }
            int runEnd = skip(paragraph, i, Sentences::isTerminator);
            int end = skip(paragraph, runEnd, c -> CLOSERS.indexOf(c) >= 0);
            boolean gapFollows = end + 1 < paragraph.length() && paragraph.charAt(end) == ' ';
            if (gapFollows && !bracketed[end] && endsSentence(paragraph, start, i, runEnd, end + 1)) {
                sentences.add(paragraph.substring(start, end));
                start = end + 1;
            }
            i = end;
        }
        sentences.add(paragraph.substring(start));
    }

    /**
     * Whether the terminators at {@code [at, runEnd)} end the sentence begun at {@code start}, given that the
     * next sentence would begin at {@code next}.
     */
    private static boolean endsSentence(String text, int start, int at, int runEnd, int next) {
        char first = text.charAt(next);
        if (!(Character.isUpperCase(first) || Character.isTitleCase(first) || Character.isDigit(first)
                || OPENING_QUOTES.indexOf(first) >= 0 || "([{".indexOf(first) >= 0)) {
            return false;
        }
        String run = text.substring(at, runEnd);
        if (run.indexOf('!') >= 0 || run.indexOf('?') >= 0) {
            return true;
        }
        if (!run.equals(".")) {
            return false; // an ellipsis
        }
        int wordStart = text.lastIndexOf(' ', at) + 1;
        wordStart = skip(text, wordStart, c -> OPENING_QUOTES.indexOf(c) >= 0 || "([{".indexOf(c) >= 0);
        return periodEndsSentence(text, start, wordStart, runEnd, next);
    }

    private static boolean periodEndsSentence(String text, int start, int wordStart, int wordEnd, int next) {
        String word = text.substring(wordStart, wordEnd);
        String lower = word.toLowerCase(Locale.ROOT);
        boolean upperFollows = Character.isUpperCase(text.charAt(next));
        if (CONTINUING.contains(lower)) {
            return false;
        }
        if (lower.equals("no.") || lower.equals("nos.")) {
            return !Character.isDigit(text.charAt(next)) && opensSentence(text, next);
        }
        boolean etAl = lower.equals("al.") && (precededBy(text, wordStart, "et") || precededBy(text, wordStart, "et."));
        if (MAYBE_FINAL.contains(lower) || etAl) {
            return upperFollows;
        }
        boolean listPosition = wordStart == start || precededBy(text, wordStart, ":")
                || precededBy(text, wordStart, ",") || precededBy(text, wordStart, ";");
        if (listPosition && LIST_MARKER.matcher(word).matches()) {
            return false;
        }
        if (BEFORE_NAMES.contains(lower) || DOTTED.matcher(word).matches() || INITIAL.matcher(word).matches()) {
            return opensSentence(text, next);
        }
        return true;
    }

    /** Whether the word at {@code at} (after any opening quote) is one that typically opens a sentence. */
    private static boolean opensSentence(String text, int at) {
        int wordStart = skip(text, at, c -> OPENING_QUOTES.indexOf(c) >= 0);
        int wordEnd = skip(text, wordStart, Character::isLetter);
        boolean anotherInitial = wordEnd == wordStart + 1 && wordEnd < text.length() && text.charAt(wordEnd) == '.';
        return !anotherInitial && OPENERS.contains(text.substring(wordStart, wordEnd));
    }

    /**
     * Whether the word before the one at {@code wordStart} is {@code previous}; a punctuation mark as
     * {@code previous} only has to end that word.
     */
    private static boolean precededBy(String text, int wordStart, String previous) {
        int end = wordStart - 1;
        if (end <= 0 || text.charAt(end) != ' ') {
            return false;
        }
        String before = text.substring(text.lastIndexOf(' ', end - 1) + 1, end);
        boolean punctuation = previous.length() == 1 && !Character.isLetterOrDigit(previous.charAt(0));
        return punctuation ? before.endsWith(previous) : before.equals(previous);
    }

    /**
     * Marks the positions strictly inside a matched (), [] or {} pair. A closer without its opener is ignored,
     * and openers left open inside a closed pair are dropped, so one stray bracket cannot hide the rest.
     */
    private static boolean[] bracketedPositions(String text) {
        int[] depthChange = new int[text.length() + 1];
        Deque<Integer> open = new ArrayDeque<>();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("([{".indexOf(c) >= 0) {
                open.push(i);
            } else if (")]}".indexOf(c) >= 0) {
                char opener = "([{".charAt(")]}".indexOf(c));
                if (open.stream().anyMatch(at -> text.charAt(at) == opener)) {
                    int at;
                    do {
                        at = open.pop();
                    } while (text.charAt(at) != opener);
                    depthChange[at + 1]++;
                    depthChange[i]--;
                }
            }
        }
        boolean[] inside = new boolean[text.length()];
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            depth += depthChange[i];
            inside[i] = depth > 0;
        }
        return inside;
    }

    private static boolean isTerminator(char c) {
        return c == '.' || c == '!' || c == '?' || c == '…';
    }

    /** The first index at or after {@code from} whose character does not pass {@code test}. */
    private static int skip(String text, int from, CharTest test) {
        int i = from;
        while (i < text.length() && test.test(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** A predicate on unboxed chars. */
    @FunctionalInterface
    private interface CharTest {
        boolean test(char c);
    }
}
