package io.simdex.tools.calibrate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Paraphrase-like rewriting: dictionary synonyms, dropped hedges and "we propose" turned into "this paper
 * proposes", applied to a seeded random share of the places where they fit.
 */
final class Paraphraser {

    /** A word with its inner hyphens: "state-of-the-art" is one word, so "method-agnostic" never loses "method". */
    private static final Pattern COMPOUND = Pattern.compile("[\\p{L}\\p{N}]+(?:-[\\p{L}\\p{N}]+)*");

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private static final String EDGE_AFTER = "(?![\\p{L}\\p{N}-])";

    /**
     * Hedging adverbs between two lower-case words, so dropping one never leaves a sentence without its capital;
     * "rather" and "often" are not hedges here ("rather than", "often fails").
     */
    private static final Pattern HEDGE = Pattern.compile("(?<=\\p{Ll},? )(?:very|quite|fairly|relatively|somewhat"
            + "|potentially|arguably|generally|largely|typically|usually|highly|clearly) (?=\\p{Ll})");

    /** "We propose" or "In this paper, we propose" opening a sentence. */
    private static final Pattern WE_VERB = Pattern.compile("(?:^|(?<=[.!?] ))(?:In this (paper|work), we|We) "
            + "(propose|introduce|present|develop|describe|study|investigate|explore|analyze)" + EDGE_AFTER);

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    /** "a " or "an " as a whole word at the end of the text it is matched against. */
    private static final Pattern ARTICLE_BEFORE = Pattern.compile("(?<![\\p{L}\\p{N}])(an?|An?) $");

    /** Words that carry grammar rather than content; they do not count towards the share to change. */
    private static final Set<String> FUNCTION_WORDS = Set.of(
            "a", "about", "above", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
            "before", "being", "between", "both", "but", "by", "can", "could", "do", "does", "each", "either",
            "for", "from", "has", "have", "how", "however", "if", "in", "into", "is", "it", "its", "may", "might",
            "more", "most", "much", "must", "no", "nor", "not", "of", "on", "only", "or", "other", "our", "over",
            "same", "should", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there",
            "these", "they", "this", "those", "through", "thus", "to", "under", "up", "upon", "us", "via", "was",
            "we", "were", "what", "when", "where", "whether", "which", "while", "who", "whose", "why", "will",
            "with", "within", "without", "would", "yet");

    private Paraphraser() {
    }

    /**
     * Rewrites about {@code share} of the text's content words, choosing edit sites at random among those that
     * bring in new words first; every site is used when there are too few. Returns the text unchanged if nothing
     * in it can be rewritten.
     *
     * @param share the wanted fraction of content words to change, in (0, 1]; 1 rewrites everything possible
     */
    static String rewrite(String text, Random random, double share) {
        List<Site> sites = sites(text);
        Collections.shuffle(sites, random);
        // Edits that bring in a word the text does not use yet come first: swapping "show" and "demonstrate"
        // within one abstract would change its wording without changing its vocabulary.
        Set<String> vocabulary = words(text);
        List<Site> bringNewWords = new ArrayList<>();
        List<Site> reuseWords = new ArrayList<>();
        for (Site site : sites) {
            (vocabulary.containsAll(words(site.replacement())) ? reuseWords : bringNewWords).add(site);
        }
        sites = new ArrayList<>(bringNewWords);
        sites.addAll(reuseWords);
        long target = Math.max(1, Math.round(contentWords(text) * share));
        List<Site> chosen = new ArrayList<>();
        int changed = 0;
        for (Site site : sites) {
            if (changed >= target) {
                break;
            }
            chosen.add(site);
            changed += site.weight();
        }
        chosen.sort(Comparator.comparingInt(Site::start).reversed());
        StringBuilder rewritten = new StringBuilder(text);
        for (Site site : chosen) {
            rewritten.replace(site.start(), site.end(), site.replacement());
            fixArticle(rewritten, site.start());
        }
        return rewritten.toString();
    }

    /**
     * Makes an article right before {@code at} agree with the word that now starts there: "a method" becomes
     * "an approach", and "a very important" without its hedge "an important". Only articles next to an edit are
     * touched, so the author's "a unified" or "an LLM" stay as written; the edit itself follows the plain vowel
     * rule, which fits every word of the dictionary.
     */
    private static void fixArticle(StringBuilder text, int at) {
        Matcher article = ARTICLE_BEFORE.matcher(text.subSequence(Math.max(0, at - 4), at));
        if (at >= text.length() || !article.find()) {
            return;
        }
        int articleStart = at - (article.end() - article.start());
        boolean vowel = "aeiouAEIOU".indexOf(text.charAt(at)) >= 0;
        String fixed = Casing.like(article.group(1), vowel ? "an" : "a");
        text.replace(articleStart, articleStart + article.group(1).length(), fixed);
    }

    /** How many words of the text carry content rather than grammar. */
    static int contentWords(String text) {
        int count = 0;
        Matcher word = WORD.matcher(text);
        while (word.find()) {
            if (!FUNCTION_WORDS.contains(word.group().toLowerCase(Locale.ROOT))) {
                count++;
            }
        }
        return count;
    }

    private static Set<String> words(String text) {
        Set<String> words = new HashSet<>();
        Matcher word = WORD.matcher(text);
        while (word.find()) {
            words.add(word.group().toLowerCase(Locale.ROOT));
        }
        return words;
    }

    /** Every place an edit fits, without overlaps: where two overlap, the earlier and then longer one wins. */
    private static List<Site> sites(String text) {
        List<Site> all = new ArrayList<>();
        Matcher we = WE_VERB.matcher(text);
        while (we.find()) {
            String noun = we.group(1) == null ? "paper" : we.group(1);
            all.add(site(we, "This " + noun + " " + thirdPerson(we.group(2))));
        }
        Matcher hedge = HEDGE.matcher(text);
        while (hedge.find()) {
            all.add(site(hedge, ""));
        }
        all.addAll(dictionarySites(text));
        all.sort(Comparator.comparingInt(Site::start).thenComparing(Comparator.comparingInt(Site::end).reversed()));
        List<Site> disjoint = new ArrayList<>();
        int free = 0;
        for (Site site : all) {
            if (site.start() >= free) {
                disjoint.add(site);
                free = site.end();
            }
        }
        return disjoint;
    }

    /**
     * The leftmost-longest dictionary phrases: at each word, the longest run of up to
     * {@link Synonyms#longestForm()} words, separated by whitespace only, that the dictionary can replace.
     */
    private static List<Site> dictionarySites(String text) {
        List<Site> sites = new ArrayList<>();
        List<int[]> words = new ArrayList<>();
        Matcher word = COMPOUND.matcher(text);
        while (word.find()) {
            words.add(new int[] {word.start(), word.end()});
        }
        int i = 0;
        while (i < words.size()) {
            int matched = 0;
            for (int n = Math.min(Synonyms.longestForm(), words.size() - i); n >= 1 && matched == 0; n--) {
                int start = words.get(i)[0];
                int end = words.get(i + n - 1)[1];
                String phrase = text.substring(start, end); // punctuation inside keeps it from matching a form
                String next = i + n < words.size() ? text.substring(words.get(i + n)[0], words.get(i + n)[1]) : "";
                String form = n == 1 ? phrase : WHITESPACE.matcher(phrase).replaceAll(" ");
                String replacement = Synonyms.replace(form, next.toLowerCase(Locale.ROOT));
                if (replacement != null) {
                    sites.add(new Site(start, end, replacement, Math.max(1, contentWords(phrase))));
                    matched = n;
                }
            }
            i += Math.max(1, matched);
        }
        return sites;
    }

    private static Site site(Matcher match, String replacement) {
        return new Site(match.start(), match.end(), replacement, Math.max(1, contentWords(match.group())));
    }

    /** "propose" → "proposes", "study" → "studies", "analyze" → "analyzes". */
    private static String thirdPerson(String verb) {
        return verb.endsWith("y") ? verb.substring(0, verb.length() - 1) + "ies" : verb + "s";
    }

    /** One edit: replace {@code [start, end)}; {@code weight} is how many content words it changes. */
    private record Site(int start, int end, String replacement, int weight) {
    }
}
