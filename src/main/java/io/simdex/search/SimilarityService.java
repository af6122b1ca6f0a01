package io.simdex.search;

import io.simdex.corpus.Paper;
import io.simdex.encode.Encoder;
import io.simdex.index.Hit;
import io.simdex.index.SearchRequest;
import io.simdex.index.VectorMath;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The questions simdex answers, free of HTTP: nearest papers to a text, papers like a given one or like a set
 * of examples, whether a text duplicates a paper, and which papers duplicate each other. Validates ids and
 * throws {@link UnknownPaperException} or {@link InvalidQueryException} naming the bad input. Safe for
 * concurrent use.
 */
public final class SimilarityService implements AutoCloseable {

    private final IndexedCorpus corpus;
    private final Encoder encoder;
    private final DedupOptions dedup;
    private final MatchExplainer explainer;
    private final Recommender recommender;
    private final DuplicateChecker checker;
    private final DuplicateFinder finder;

    /** A service with the default duplicate bands and limits. */
    public SimilarityService(IndexedCorpus corpus, Encoder encoder) {
        this(corpus, encoder, DedupOptions.defaults());
    }

    public SimilarityService(IndexedCorpus corpus, Encoder encoder, DedupOptions dedup) {
        this.corpus = Objects.requireNonNull(corpus, "corpus");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.dedup = Objects.requireNonNull(dedup, "dedup");
        if (encoder.dimension() != corpus.index().dimension()) {
            throw new IllegalArgumentException("encoder dimension " + encoder.dimension()
                    + " differs from index dimension " + corpus.index().dimension());
        }
        this.explainer = new MatchExplainer(corpus.corpus(), encoder);
        this.recommender = new Recommender(corpus.index());
        this.checker = new DuplicateChecker(corpus.corpus(), corpus.index(), encoder, explainer, dedup.bands());
        this.finder = new DuplicateFinder(corpus.corpus(), corpus.index(), dedup.maxPairs());
    }

    /**
     * The {@code k} papers nearest to free text.
     *
     * @param minScore drop matches scoring below this cosine, in [-1, 1]
     */
    public SearchResult search(String text, int k, float minScore) {
        return search(text, new ResultFilter(k, minScore, ResultFilter.NO_MAX_SCORE, Set.of(), false));
    }

    /**
     * The papers nearest to free text, as the filter asks.
     *
     * @throws UnknownIdsException if the filter excludes an id the corpus does not hold
     */
    public SearchResult search(String text, ResultFilter filter) {
        long start = System.nanoTime();
        checkKnown("exclude", filter.exclude());
        return nearestTo(text, encoder.encodeQuery(text).vector(), filter, start);
    }

    /**
     * "More like this" for text that is not in the corpus, such as a draft's title and abstract. Unlike
     * {@link #search(String, ResultFilter)} the text is embedded as a document, without the model's query
     * instruction: it is compared with papers as a paper.
     */
    public SearchResult similarToText(String text, ResultFilter filter) {
        long start = System.nanoTime();
        checkKnown("exclude", filter.exclude());
        return nearestTo(text, encoder.encode(text).vector(), filter, start);
    }

    private SearchResult nearestTo(String text, float[] vector, ResultFilter filter, long start) {
        List<Match> matches = matches(corpus.index().search(request(vector, filter, Set.of())));
        return result(filter.explain() ? explainer.explainText(text, matches) : matches, start);
    }

    /**
     * "More like this": the {@code k} papers nearest to a paper of the corpus, never the paper itself.
     *
     * @throws UnknownPaperException if no paper has this id
     */
    public SearchResult similar(String id, int k, float minScore) {
        return similar(id, new ResultFilter(k, minScore, ResultFilter.NO_MAX_SCORE, Set.of(), false));
    }

    /**
     * The papers nearest to a paper of the corpus, never the paper itself, as the filter asks.
     *
     * @throws UnknownPaperException if no paper has this id
     * @throws UnknownIdsException   if the filter excludes an id the corpus does not hold
     */
    public SearchResult similar(String id, ResultFilter filter) {
        long start = System.nanoTime();
        float[] vector = corpus.index().vector(id).orElseThrow(() -> new UnknownPaperException(id));
        checkKnown("exclude", filter.exclude());
        List<Match> matches = matches(corpus.index().search(request(vector, filter, Set.of(id))));
        return result(filter.explain() ? explainer.explainPaper(id, matches) : matches, start);
    }

    /**
     * Papers like the positive examples and unlike the negative ones; the examples never come back.
     *
     * @throws InvalidQueryException if {@code positive} is empty, an id is both positive and negative, or the
     *                               examples cancel out
     * @throws UnknownIdsException   if an example or excluded id is not in the corpus
     */
    public SearchResult recommend(List<String> positive, List<String> negative, RecommendStrategy strategy,
            ResultFilter filter) {
        long start = System.nanoTime();
        if (positive.isEmpty()) {
            throw new InvalidQueryException("positive", "'positive' is empty; list at least one paper id to find "
                    + "papers like it");
        }
        checkKnown("positive", positive);
        checkKnown("negative", negative);
        checkKnown("exclude", filter.exclude());
        var both = new ArrayList<>(new HashSet<>(positive));
        both.retainAll(new HashSet<>(negative));
        if (!both.isEmpty()) {
            throw new InvalidQueryException("negative", "paper id" + (both.size() == 1 ? " " : "s ")
                    + String.join(", ", both) + " " + (both.size() == 1 ? "is" : "are")
                    + " in both 'positive' and 'negative'; list each example once");
        }
        List<Match> matches = matches(recommender.recommend(List.copyOf(new LinkedHashSet<>(positive)),
                List.copyOf(new LinkedHashSet<>(negative)), strategy, filter));
        return result(filter.explain() ? explainByNearestPositive(positive, matches) : matches, start);
    }

    /**
     * Whether a text duplicates a paper of the corpus: a verdict, and up to {@code k} papers it resembles (those
     * in the related band or above).
     */
    public DuplicateCheck checkDuplicate(String text, int k, boolean explain) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1 but was " + k);
        }
        return checker.check(text, k, explain);
    }

    /**
     * Every pair of corpus papers scoring at or above {@code threshold}, grouped into clusters; exact.
     *
     * @throws InvalidQueryException if so many pairs qualify that the threshold cannot mean "duplicate"
     */
    public DuplicateClusters duplicates(float threshold) {
        return finder.clusters(threshold);
    }

    /**
     * Measures duplicate and distinct-paper scores to calibrate the bands (see {@link DedupCalibrationReport}).
     * Encodes seven variants per sampled paper, so it takes a while; {@code progress} hears (done, total).
     *
     * @param knownDuplicates pairs of corpus ids known to be the same work, kept out of the distinct pairs
     * @throws UnknownPaperException if a known pair names an id the corpus lacks
     */
    public DedupCalibrationReport calibrateDuplicates(int sample, long seed, List<List<String>> knownDuplicates,
            BiConsumer<Integer, Integer> progress) {
        return new DedupCalibration(corpus, encoder).run(sample, seed, knownDuplicates, progress);
    }

    /** The duplicate bands and limits this service answers with. */
    public DedupOptions dedupOptions() {
        return dedup;
    }

    /** @throws UnknownPaperException if no paper has this id */
    public Paper paper(String id) {
        return corpus.corpus().find(id).orElseThrow(() -> new UnknownPaperException(id));
    }

    /** @throws UnknownPaperException if no paper has this id */
    public TokenStats tokens(String id) {
        TokenStats stats = corpus.tokens().get(id);
        if (stats == null) {
            throw new UnknownPaperException(id);
        }
        return stats;
    }

    /** Every paper of the corpus, in id order. */
    public List<Paper> papers() {
        return corpus.corpus().papers();
    }

    public int paperCount() {
        return corpus.corpus().size();
    }

    public String modelName() {
        return encoder.modelName();
    }

    public int dimension() {
        return encoder.dimension();
    }

    public int maxTokens() {
        return encoder.maxTokens();
    }

    /** Releases the index (its scan threads and, with int8 storage, its memory-mapped file); not the encoder. */
    @Override
    public void close() {
        corpus.index().close();
    }

    /** Explains each match against the positive example closest to it. */
    private List<Match> explainByNearestPositive(List<String> positive, List<Match> matches) {
        var explained = new ArrayList<Match>(matches.size());
        for (Match match : matches) {
            float[] v = corpus.index().vector(match.id()).orElseThrow();
            String nearest = positive.get(0);
            float best = Float.NEGATIVE_INFINITY;
            for (String id : positive) {
                float score = VectorMath.dot(v, corpus.index().vector(id).orElseThrow());
                if (score > best) {
                    best = score;
                    nearest = id;
                }
            }
            explained.add(explainer.explainPaper(nearest, List.of(match)).get(0));
        }
        return explained;
    }

    private static SearchRequest request(float[] query, ResultFilter filter, Set<String> alsoExcluded) {
        Set<String> exclude = filter.exclude();
        if (!alsoExcluded.isEmpty()) {
            exclude = filter.excluding(alsoExcluded).exclude();
        }
        return new SearchRequest(query, filter.k(), exclude, filter.minScore(), filter.maxScore());
    }

    private void checkKnown(String field, Iterable<String> ids) {
        var unknown = new ArrayList<String>();
        for (String id : ids) {
            if (!corpus.index().contains(id) && !unknown.contains(id)) {
                unknown.add(id);
            }
        }
        if (!unknown.isEmpty()) {
            throw new UnknownIdsException(field, unknown);
        }
    }

    private List<Match> matches(List<Hit> hits) {
        var matches = new ArrayList<Match>(hits.size());
        for (Hit hit : hits) {
            Paper paper = corpus.corpus().find(hit.id()).orElseThrow();
            matches.add(new Match(hit.id(), paper.title(), hit.score(), matches.size() + 1));
        }
        return matches;
    }

    private static SearchResult result(List<Match> matches, long startNanos) {
        return new SearchResult(matches, (System.nanoTime() - startNanos) / 1_000_000);
    }
}
