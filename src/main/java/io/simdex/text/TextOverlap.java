package io.simdex.text;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * Cheap lexical overlap between two texts: tells a copied abstract from one that is merely about the same thing.
 *
 * <p>Both texts are normalized the same way: Unicode NFKC, lower case ({@link Locale#ROOT}), then split into
 * tokens, the maximal runs of letters and digits. Punctuation, case, ligatures, full-width forms and whitespace
 * therefore never change a score. Tokens and word 3-shingles are hashed to 64-bit values and kept as sorted
 * sets, so a comparison is one linear merge; a hash collision is possible in principle but at 64 bits it will
 * not show up in abstracts of a few hundred words.
 *
 * <p>To compare one query with many texts, build its {@link Profile} once with {@link #profile(String)} and
 * call {@link #between(Profile, Profile)}.
 */
public final class TextOverlap {

    /** Words per shingle: three is enough for reordered sentences to keep most of their shingles. */
    static final int SHINGLE = 3;

    /** FNV-1a over code points: cheap, allocation-free token hashing. */
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private TextOverlap() {
    }

    /**
     * The overlap signals of two texts.
     *
     * @param tokenJaccard       |A ∩ B| / |A ∪ B| over the two token sets; 1 for the same words in any order
     * @param shingleContainment |S ∩ T| / min(|S|, |T|) over the two sets of word 3-shingles (token sets when
     *                           either text has fewer than three tokens); 1 when one text is a copied part of
     *                           the other
     */
    public record Overlap(float tokenJaccard, float shingleContainment) {

        public Overlap {
            requireFraction("tokenJaccard", tokenJaccard);
            requireFraction("shingleContainment", shingleContainment);
        }

        private static void requireFraction(String name, float value) {
            if (!(value >= 0f && value <= 1f)) {
                throw new IllegalArgumentException(name + " must be in [0, 1], got " + value);
            }
        }
    }

    /** One text normalized and hashed once, ready to be compared with many others. */
    public static final class Profile {

        private final long[] tokens;
        private final long[] shingles;
        private final int tokenCount;

        private Profile(long[] tokens, long[] shingles, int tokenCount) {
            this.tokens = tokens;
            this.shingles = shingles;
            this.tokenCount = tokenCount;
        }

        /** How many tokens the text has, repeats included; 0 for a text without letters or digits. */
        public int tokenCount() {
            return tokenCount;
        }

        /** How many distinct tokens the text has. */
        public int distinctTokens() {
            return tokens.length;
        }
    }

    /**
     * Normalizes and hashes a text for later comparisons.
     *
     * @param text any text; blank text or text without letters or digits gives an empty profile
     * @return the profile, immutable and safe to share between threads
     * @throws NullPointerException if {@code text} is null
     */
    public static Profile profile(String text) {
        Objects.requireNonNull(text, "text");
        long[] sequence = tokenHashes(text);
        long[] shingles = new long[Math.max(0, sequence.length - SHINGLE + 1)];
        for (int i = 0; i < shingles.length; i++) {
            shingles[i] = shingleHash(sequence[i], sequence[i + 1], sequence[i + 2]);
        }
        return new Profile(sortedSet(sequence.clone()), sortedSet(shingles), sequence.length);
    }

    /**
     * The overlap of two texts; see {@link #between(Profile, Profile)} for the edge cases.
     *
     * @throws NullPointerException if either text is null
     */
    public static Overlap between(String a, String b) {
        return between(profile(a), profile(b));
    }

    /**
     * The overlap of two prepared texts.
     *
     * <p>Edge cases: two texts without tokens score 0 on both signals (nothing was shared, so nothing was
     * copied), and so does one empty text against any other. When either text has fewer than three tokens, it
     * has no shingles, so containment is measured over the token sets instead: {@code "Adam"} is fully contained
     * in {@code "Adam: a method for stochastic optimization"}. The result is symmetric.
     *
     * @throws NullPointerException if either profile is null
     */
    public static Overlap between(Profile a, Profile b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        int sharedTokens = intersectionSize(a.tokens, b.tokens);
        int union = a.tokens.length + b.tokens.length - sharedTokens;
        float jaccard = union == 0 ? 0f : (float) sharedTokens / union;

        boolean shingled = a.tokenCount >= SHINGLE && b.tokenCount >= SHINGLE;
        long[] s = shingled ? a.shingles : a.tokens;
        long[] t = shingled ? b.shingles : b.tokens;
        int smaller = Math.min(s.length, t.length);
        int shared = shingled ? intersectionSize(s, t) : sharedTokens;
        float containment = smaller == 0 ? 0f : (float) shared / smaller;
        return new Overlap(jaccard, containment);
    }

    /** The hashes of the text's tokens in reading order. */
    private static long[] tokenHashes(String text) {
        String normalized = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        long[] hashes = new long[16];
        int count = 0;
        int i = 0;
        while (i < normalized.length()) {
            int cp = normalized.codePointAt(i);
            if (!Character.isLetterOrDigit(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            long hash = FNV_OFFSET;
            while (i < normalized.length() && Character.isLetterOrDigit(cp = normalized.codePointAt(i))) {
                hash = (hash ^ cp) * FNV_PRIME;
                i += Character.charCount(cp);
            }
            if (count == hashes.length) {
                hashes = Arrays.copyOf(hashes, count * 2);
            }
            hashes[count++] = mix(hash);
        }
        return Arrays.copyOf(hashes, count);
    }

    /** Order matters: "a b c" and "c b a" must be different shingles. */
    private static long shingleHash(long first, long second, long third) {
        return mix(Long.rotateLeft(first, 42) ^ Long.rotateLeft(second, 21) ^ third);
    }

    /** MurmurHash3's 64-bit finalizer: spreads FNV's weak low bits over the whole word. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** Sorts in place and drops repeats. */
    private static long[] sortedSet(long[] values) {
        Arrays.sort(values);
        int distinct = 0;
        for (int i = 0; i < values.length; i++) {
            if (i == 0 || values[i] != values[i - 1]) {
                values[distinct++] = values[i];
            }
        }
        return Arrays.copyOf(values, distinct);
    }

    private static int intersectionSize(long[] a, long[] b) {
        int i = 0;
        int j = 0;
        int shared = 0;
        while (i < a.length && j < b.length) {
            if (a[i] < b[j]) {
                i++;
            } else if (a[i] > b[j]) {
                j++;
            } else {
                shared++;
                i++;
                j++;
            }
        }
        return shared;
    }
}
