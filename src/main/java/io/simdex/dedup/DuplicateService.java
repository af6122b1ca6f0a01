package io.simdex.dedup;

import io.simdex.encode.Encoder;
import io.simdex.ingest.IndexedCorpus;
import io.simdex.search.DuplicateRule;
import io.simdex.search.InvalidQueryException;
import io.simdex.search.MatchExplainer;
import io.simdex.text.TextOverlap;

import java.util.Objects;
import java.util.Set;

/**
 * The duplicate questions simdex answers, free of HTTP: whether a new text duplicates a paper of the corpus (a
 * banded verdict with its matches), and which papers of the corpus duplicate each other (clusters from an exact
 * all-pairs scan). Safe for concurrent use.
 */
public final class DuplicateService {

    private final DedupOptions options;
    private final Encoder encoder;
    private final DuplicateChecker checker;
    private final DuplicateFinder finder;

    /** A service with the default bands and limits. */
    public DuplicateService(IndexedCorpus corpus, Encoder encoder) {
        this(corpus, encoder, DedupOptions.defaults());
    }

    /** @throws IllegalArgumentException if the encoder's vectors do not have the index's dimension */
    public DuplicateService(IndexedCorpus corpus, Encoder encoder, DedupOptions options) {
        this(corpus, encoder, options, new MatchExplainer(corpus.corpus(), encoder));
    }

    /**
     * A service whose checks explain matches with {@code explainer}, e.g. the search service's, so both share
     * its limits and its cache of sentence vectors.
     *
     * @throws IllegalArgumentException if the encoder's vectors do not have the index's dimension
     */
    public DuplicateService(IndexedCorpus corpus, Encoder encoder, DedupOptions options, MatchExplainer explainer) {
        Objects.requireNonNull(corpus, "corpus");
        Objects.requireNonNull(explainer, "explainer");
        Objects.requireNonNull(encoder, "encoder");
        this.options = Objects.requireNonNull(options, "options");
        this.encoder = encoder;
        corpus.requireEncoder(encoder);
        this.checker = new DuplicateChecker(corpus.corpus(), corpus.index(), explainer, options);
        this.finder = new DuplicateFinder(corpus.corpus(), corpus.index(), options.maxPairs());
    }

    /**
     * Whether a text duplicates a paper of the corpus: a verdict, and up to {@code k} papers it resembles (those
     * in the related band or above), best first.
     *
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public DuplicateCheck check(String text, int k, boolean explain) {
        long start = System.nanoTime();
        return check(text, encoder.encode(text).vector(), k, explain, Set.of(), start);
    }

    /**
     * As {@link #check(String, int, boolean)} for a text whose vector is at hand (a paper about to be written),
     * leaving out the papers in {@code exclude}: a paper being replaced is not a duplicate of its own old version.
     *
     * @param vector the text's vector, embedded as a document (as papers are)
     */
    public DuplicateCheck check(String text, float[] vector, int k, boolean explain, Set<String> exclude) {
        return check(text, vector, k, explain, exclude, System.nanoTime());
    }

    private DuplicateCheck check(String text, float[] vector, int k, boolean explain, Set<String> exclude,
            long start) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1 but was " + k);
        }
        return checker.check(text, vector, k, explain, exclude, start);
    }

    /**
     * Every pair of corpus papers scoring at or above {@code threshold}, grouped into clusters; exact.
     *
     * @throws InvalidQueryException if so many pairs qualify that the threshold cannot mean "duplicate"
     */
    public DuplicateClusters clusters(float threshold) {
        return finder.clusters(threshold);
    }

    /**
     * Which papers of the corpus duplicate each other, for "more like this" to leave out or mark: a paper
     * duplicates another when their cosine and copied wording place it in the {@link Band#NEAR_DUPLICATE} band or
     * above, as a duplicate check would ({@link DuplicateBands#of(float, float)}).
     */
    public DuplicateRule rule() {
        DuplicateBands bands = options.bands();
        return (reference, candidate, cosine) -> {
            if (cosine < bands.related()) {
                return null; // copied wording lifts a related match at most; below related no band is a duplicate
            }
            float copied = TextOverlap.between(reference.embeddingText(), candidate.embeddingText())
                    .shingleContainment();
            Band band = bands.of(cosine, copied);
            return band == Band.DUPLICATE || band == Band.NEAR_DUPLICATE ? band.label() : null;
        };
    }

    /** The duplicate bands and limits this service answers with. */
    public DedupOptions options() {
        return options;
    }
}
