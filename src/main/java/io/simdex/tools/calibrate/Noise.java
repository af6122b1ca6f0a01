package io.simdex.tools.calibrate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Copy-and-paste noise: whitespace, case, punctuation and a few typos, the way a pasted abstract degrades. */
final class Noise {

    /**
     * How much noise to add.
     *
     * @param caseRate        share of words whose case changes (at least one word always changes)
     * @param typos           how many words get a character typo, if the text has that many of four letters
     * @param doubleSpaceRate share of gaps that become two spaces
     * @param commaDropRate   share of commas dropped
     * @param commaAddRate    share of words that get a stray comma
     * @param glueRate        share of gaps after punctuation whose space goes missing ("end.Next")
     */
    record Level(double caseRate, int typos, double doubleSpaceRate, double commaDropRate, double commaAddRate,
                 double glueRate) {
    }

    /** Noise for the NOISE kind: clearly the same text, clearly not a clean copy. */
    static final Level FULL = new Level(0.06, 2, 0.05, 0.3, 0.02, 0.15);

    /** Barely any: a single case change and typo, a few spacing slips. */
    static final Level LIGHT = new Level(0.0, 1, 0.02, 0.1, 0.0, 0.05);

    private static final int TYPO_MIN_LETTERS = 4;

    private Noise() {
    }

    /**
     * The whitespace-normalized {@code text} with noise added; never returns the text unchanged (a text too short
     * for any other change gets its final period toggled).
     */
    static String apply(String text, Random random, Level level) {
        List<String> words = new ArrayList<>(List.of(text.split(" ")));
        changeCase(words, random, level.caseRate());
        addTypos(words, random, level.typos());
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            boolean inner = i + 1 < words.size();
            if (word.endsWith(",") && word.length() > 1 && random.nextDouble() < level.commaDropRate()) {
                words.set(i, word.substring(0, word.length() - 1));
            } else if (inner && endsInLetterOrDigit(word) && random.nextDouble() < level.commaAddRate()) {
                words.set(i, word + ",");
            }
        }
        StringBuilder noisy = new StringBuilder(words.get(0));
        for (int i = 1; i < words.size(); i++) {
            boolean afterPunctuation = ",.;:".indexOf(noisy.charAt(noisy.length() - 1)) >= 0;
            double roll = random.nextDouble();
            if (afterPunctuation && roll < level.glueRate()) {
                noisy.append(words.get(i));
            } else {
                noisy.append(roll > 1 - level.doubleSpaceRate() ? "  " : " ").append(words.get(i));
            }
        }
        String result = noisy.toString();
        if (result.equals(text)) {
            result = text.endsWith(".") ? text.substring(0, text.length() - 1) : text + ".";
        }
        return result;
    }

    /**
     * The whitespace-normalized {@code text} with only its whitespace changed: some gaps doubled, some turned into
     * line breaks; at least one gap always changes, and a text without gaps gets a trailing line break.
     */
    static String respace(String text, Random random) {
        String[] words = text.split(" ");
        if (words.length == 1) {
            return text + "\n";
        }
        int forced = 1 + random.nextInt(words.length - 1);
        StringBuilder respaced = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            double roll = random.nextDouble();
            String gap = roll < 0.03 ? "\n" : roll < 0.10 || i == forced ? "  " : " ";
            respaced.append(gap).append(words[i]);
        }
        return respaced.toString();
    }

    /** Changes the case of about {@code rate} of the words that have letters, and of at least one. */
    private static void changeCase(List<String> words, Random random, double rate) {
        List<Integer> cased = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            if (!recase(words.get(i), 0).equals(words.get(i)) || !recase(words.get(i), 1).equals(words.get(i))) {
                cased.add(i);
            }
        }
        if (cased.isEmpty()) {
            return;
        }
        int forced = cased.get(random.nextInt(cased.size()));
        for (int i : cased) {
            if (i == forced || random.nextDouble() < rate) {
                String word = words.get(i);
                String changed = recase(word, random.nextInt(3));
                if (changed.equals(word)) {
                    changed = recase(word, 0).equals(word) ? recase(word, 1) : recase(word, 0);
                }
                words.set(i, changed);
            }
        }
    }

    /** 0: lower case, 1: upper case, 2: capitalized. */
    private static String recase(String word, int style) {
        String lower = word.toLowerCase(Locale.ROOT);
        return switch (style) {
            case 0 -> lower;
            case 1 -> word.toUpperCase(Locale.ROOT);
            default -> Casing.capitalize(lower);
        };
    }

    /** Puts one typo into each of {@code count} different words of at least four letters. */
    private static void addTypos(List<String> words, Random random, int count) {
        List<Integer> typoable = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            if (words.get(i).chars().allMatch(Character::isLetter) && words.get(i).length() >= TYPO_MIN_LETTERS) {
                typoable.add(i);
            }
        }
        for (int typo = 0; typo < count && !typoable.isEmpty(); typo++) {
            int i = typoable.remove(random.nextInt(typoable.size()));
            words.set(i, typo(words.get(i), random));
        }
    }

    /** Swaps two neighbouring inner letters, drops one, or doubles one. */
    private static String typo(String word, Random random) {
        int at = 1 + random.nextInt(word.length() - 2);
        StringBuilder typo = new StringBuilder(word);
        switch (random.nextInt(3)) {
            case 0 -> {
                if (word.charAt(at) != word.charAt(at + 1)) {
                    typo.setCharAt(at, word.charAt(at + 1));
                    typo.setCharAt(at + 1, word.charAt(at));
                } else {
                    typo.deleteCharAt(at);
                }
            }
            case 1 -> typo.deleteCharAt(at);
            default -> typo.insert(at, word.charAt(at));
        }
        return typo.toString();
    }

    private static boolean endsInLetterOrDigit(String word) {
        return !word.isEmpty() && Character.isLetterOrDigit(word.charAt(word.length() - 1));
    }
}
