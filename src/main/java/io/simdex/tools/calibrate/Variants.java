package io.simdex.tools.calibrate;

import io.simdex.corpus.Paper;
import io.simdex.text.Whitespace;
import io.simdex.tools.calibrate.Variant.Kind;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;

/** Deterministic generator of duplicate variants of a paper, one of each {@link Kind}. */
public final class Variants {

    /** The share of content words {@link Kind#PARAPHRASED} rewrites is drawn from this range. */
    static final double PARAPHRASE_MIN_SHARE = 0.15;
    static final double PARAPHRASE_MAX_SHARE = 0.22;

    /** The share of sentences {@link Kind#TRUNCATED} keeps is drawn from this range. */
    static final double TRUNCATE_MIN_SHARE = 0.5;
    static final double TRUNCATE_MAX_SHARE = 0.7;

    /** Decorrelates the per-kind random streams of one seed (the 64-bit golden ratio). */
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Variants() {
    }

    /**
     * One variant of each kind, in {@link Kind} order.
     *
     * @see #of(Paper, Kind, long)
     */
    public static List<Variant> of(Paper paper, long seed) {
        return Arrays.stream(Kind.values()).map(kind -> of(paper, kind, seed)).toList();
    }

    /**
     * One variant of the given kind.
     *
     * <p>The result depends only on the paper, the kind and the seed: the same inputs give the same variant on
     * every run and JVM (the randomness is {@link Random}, whose algorithm is specified), and each kind has its
     * own random stream, so asking for one kind gives the same variant as {@link #of(Paper, long)}. The abstract
     * is whitespace-normalized first. Every variant differs from the paper in its title or abstract text; only
     * {@link Kind#EXACT_COPY} differs in whitespace alone.
     *
     * <p>Edge cases: an abstract whose sentences cannot move (one sentence, or a lower-case opening and an
     * unpunctuated trailer around a single other sentence) is {@link Kind#REORDERED} by light noise instead; a
     * one-sentence abstract is {@link Kind#TRUNCATED} to its first words, a one-word abstract to its first
     * characters, and a one-character abstract not at all (nothing shorter is non-empty); an abstract the
     * dictionary has nothing for is {@link Kind#PARAPHRASED} by an "In summary," opening.
     *
     * @throws NullPointerException if {@code paper} or {@code kind} is null
     */
    public static Variant of(Paper paper, Kind kind, long seed) {
        Objects.requireNonNull(paper, "paper");
        Objects.requireNonNull(kind, "kind");
        Random random = new Random(seed * GOLDEN + kind.ordinal());
        String title = paper.title();
        String text = Whitespace.normalize(paper.abstractText());
        return switch (kind) {
            case EXACT_COPY -> variant(kind, paper, title, Noise.respace(text, random));
            case NOISE -> variant(kind, paper, title, Noise.apply(text, random, Noise.FULL));
            case REORDERED -> variant(kind, paper, title, reordered(text, random));
            case PARAPHRASED -> variant(kind, paper, title, paraphrased(text, random));
            case TRUNCATED -> variant(kind, paper, title, truncated(text, random));
            case RETITLED -> variant(kind, paper, Retitler.retitle(title, random), text);
            case COMBINED -> {
                String retitled = Retitler.retitle(title, split(random));
                String rewritten = reordered(paraphrased(text, split(random)), split(random));
                yield variant(kind, paper, retitled, Noise.apply(rewritten, split(random), Noise.FULL));
            }
        };
    }

    private static Variant variant(Kind kind, Paper paper, String title, String abstractText) {
        return new Variant(kind, paper.id(), title, abstractText);
    }

    /** An independent stream for one step of a combined edit. */
    private static Random split(Random random) {
        return new Random(random.nextLong());
    }

    /** The sentences in another order; light noise when they cannot be reordered. */
    private static String reordered(String text, Random random) {
        return SentenceEdits.reorder(text, random).orElseGet(() -> Noise.apply(text, random, Noise.LIGHT));
    }

    private static String paraphrased(String text, Random random) {
        double share = PARAPHRASE_MIN_SHARE + random.nextDouble() * (PARAPHRASE_MAX_SHARE - PARAPHRASE_MIN_SHARE);
        String rewritten = Paraphraser.rewrite(text, random, share);
        return rewritten.equals(text) ? "In summary, " + lowerCaseFirstWord(text) : rewritten;
    }

    /** "Neural nets …" → "neural nets …", but "BERT …" and "GPTs …" keep their capitals. */
    private static String lowerCaseFirstWord(String text) {
        boolean plainCapital = text.matches("(?s)\\p{Lu}\\p{Ll}+\\b.*");
        return plainCapital ? text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1) : text;
    }

    private static String truncated(String text, Random random) {
        double share = TRUNCATE_MIN_SHARE + random.nextDouble() * (TRUNCATE_MAX_SHARE - TRUNCATE_MIN_SHARE);
        return SentenceEdits.truncate(text, share);
    }
}
