package io.simdex.search;

import io.simdex.corpus.MetadataPredicate;
import io.simdex.corpus.Paper;
import io.simdex.encode.Encoder;
import io.simdex.encode.QueryCache;
import io.simdex.index.Hit;
import io.simdex.index.SearchRequest;
import io.simdex.ingest.IndexedCorpus;
import io.simdex.ingest.TokenStats;
import io.simdex.kernels.VectorMath;
import io.simdex.lexical.LexicalHit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * The search questions simdex answers, free of HTTP: nearest papers to a text (by meaning, by words, or both),
 * papers like a given one or like a set of examples, and the papers themselves. Duplicate questions are
 * {@code io.simdex.dedup.DuplicateService}'s. Validates ids and throws {@link UnknownPaperException} or
 * {@link InvalidQueryException} naming the bad input. Safe for concurrent use.
 */
public final class SearchService implements AutoCloseable {

    private final IndexedCorpus corpus;
    private final Encoder encoder;
    /** Free-text queries go through it; everything else the encoder embeds goes straight to the model. */
    private final QueryCache queries;
    private final SearchOptions searchOptions;
    private final Ranker ranker;
    private final MatchExplainer explainer;
    private final Recommender recommender;
    private final RelatedPicker picker;

    /** A service with the default search options. */
    public SearchService(IndexedCorpus corpus, Encoder encoder) {
        this(corpus, encoder, SearchOptions.defaults());
    }

    /** @throws IllegalArgumentException if the encoder's vectors do not have the index's dimension */
    public SearchService(IndexedCorpus corpus, Encoder encoder, SearchOptions searchOptions) {
        this.corpus = Objects.requireNonNull(corpus, "corpus");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.searchOptions = Objects.requireNonNull(searchOptions, "searchOptions");
        this.ranker = new Ranker(searchOptions);
        corpus.requireEncoder(encoder);
        this.queries = new QueryCache(encoder, searchOptions.queryCacheSize());
        this.explainer = new MatchExplainer(corpus.corpus(), encoder, searchOptions);
        this.recommender = new Recommender(corpus.index());
        this.picker = new RelatedPicker(corpus.corpus(), corpus.index());
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
     * The papers nearest to free text by meaning ({@link SearchMode#VECTOR}), as the filter asks.
     *
     * @throws UnknownIdsException if the filter excludes an id the corpus does not hold
     */
    public SearchResult search(String text, ResultFilter filter) {
        return search(text, filter, SearchMode.VECTOR);
    }

    /**
     * The papers that best match free text, ranked as {@code mode} says, as the filter asks. Each match's score
     * is the mode's own (see {@link SearchMode}). Lexical search finds only papers sharing a word with the text,
     * so it may return fewer than {@code k}, or none. Hybrid search fuses the best
     * {@code max(k, candidates)} papers of each ranking ({@link SearchOptions}), so that a paper ranked just
     * below {@code k} by one ranking still counts, and answers for every {@code k} up to {@code candidates} are
     * prefixes of one another. {@code explain} works in every mode: the explanation is always the sentence pair
     * with the highest cosine.
     *
     * @throws InvalidQueryException if the filter bounds the score in a mode other than vector: the bounds are
     *                               cosines, which only vector search returns
     * @throws UnknownIdsException   if the filter excludes an id the corpus does not hold
     */
    public SearchResult search(String text, ResultFilter filter, SearchMode mode) {
        long start = System.nanoTime();
        if (mode != SearchMode.VECTOR) {
            checkNoCosineBounds(filter, mode);
        }
        checkKnown("exclude", filter.exclude());
        if (mode == SearchMode.VECTOR) {
            return nearestTo(text, queries.encodeQuery(text).vector(), filter, start);
        }
        List<Match> matches = mode == SearchMode.LEXICAL ? lexical(text, filter) : hybrid(text, filter);
        return result(filter.explain() ? explainer.explainText(text, matches) : matches, start);
    }

    /**
     * "More like this" for text that is not in the corpus, such as a draft's title and abstract. Unlike
     * {@link #search(String, ResultFilter)} the text is embedded as a document, without the model's query
     * instruction: it is compared with papers as a paper.
     */
    public SearchResult similarToText(String text, ResultFilter filter) {
        return similarToText(text, filter, RelatedOptions.plain());
    }

    /**
     * {@link #similarToText(String, ResultFilter)}, diversified as {@code related} says; the text is no paper of
     * the corpus, so {@link RelatedOptions#duplicates()} does not apply.
     */
    public SearchResult similarToText(String text, ResultFilter filter, RelatedOptions related) {
        long start = System.nanoTime();
        checkKnown("exclude", filter.exclude());
        float[] vector = encoder.encode(text).vector();
        RelatedPicker.Picked picked = picker.pick(List.of(),
                depth -> corpus.index().search(request(vector, filter.withK(depth), Set.of())), filter.k(), related);
        List<Match> matches = matches(picked.hits(), filter);
        return result(filter.explain() ? explainer.explainText(text, matches) : matches, start);
    }

    private SearchResult nearestTo(String text, float[] vector, ResultFilter filter, long start) {
        List<Match> matches = matches(corpus.index().search(request(vector, filter, Set.of())), filter);
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
        return similar(id, filter, RelatedOptions.plain());
    }

    /**
     * The papers most like a paper of the corpus, never the paper itself, as the filter asks, ranked in the mode
     * {@code related} names, with its duplicates left out, ranked or marked and the answer diversified as it says. Left-out duplicates are
     * replaced by the next papers, so the answer still holds {@code k} when the corpus has them.
     *
     * @throws UnknownPaperException if no paper has this id
     * @throws UnknownIdsException   if the filter excludes an id the corpus does not hold
     * @throws InvalidQueryException if a mode other than vector is asked with cosine bounds or diversity
     */
    public SearchResult similar(String id, ResultFilter filter, RelatedOptions related) {
        long start = System.nanoTime();
        float[] vector = corpus.index().vector(id).orElseThrow(() -> new UnknownPaperException(id));
        Paper paper = paper(id);
        if (related.mode() != SearchMode.VECTOR) {
            checkNoCosineBounds(filter, related.mode(), false);
            if (related.diversity() > 0) {
                throw new InvalidQueryException("diversity", "'diversity' weighs cosines, and only mode=vector ranks "
                        + "papers like this one by cosine; drop 'diversity' or use mode=vector");
            }
        }
        checkKnown("exclude", filter.exclude());
        IntFunction<List<Hit>> byMeaning = depth -> corpus.index().search(request(vector, filter.withK(depth),
                Set.of(id)));
        IntFunction<List<Hit>> byWords = depth -> corpus.lexical().moreLikeThis(paper.embeddingText(), depth,
                filter.excluding(Set.of(id)).exclude(), allowed(filter)).stream()
                .map(hit -> new Hit(hit.id(), hit.score())).toList();
        IntFunction<List<String>> byTitle = depth -> paper.title().isBlank()
                || !ranker.relatedByTitle() ? List.of()
                : corpus.lexical().search(paper.title(), depth, filter.excluding(Set.of(id)).exclude(),
                        allowed(filter)).stream().map(LexicalHit::id).toList();
        IntFunction<List<Hit>> ranking = switch (related.mode()) {
            case VECTOR -> byMeaning;
            case LEXICAL -> byWords;
            case HYBRID -> depth -> ranker.related(ids(byMeaning.apply(ranker.depth(depth))),
                    ids(byWords.apply(ranker.depth(depth))), byTitle.apply(ranker.depth(depth)), depth).stream()
                    .map(fused -> new Hit(fused.id(), (float) fused.score())).toList();
        };
        RelatedPicker.Picked picked = picker.pick(List.of(id), ranking, filter.k(), related);
        List<Match> matches = marked(matches(picked.hits(), filter), picked.duplicates());
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
        return recommend(positive, negative, strategy, filter, RelatedOptions.plain());
    }

    /**
     * {@link #recommend(List, List, RecommendStrategy, ResultFilter)}, with the duplicates of the positive examples
     * left out, ranked or marked and the answer diversified as {@code related} says.
     */
    public SearchResult recommend(List<String> positive, List<String> negative, RecommendStrategy strategy,
            ResultFilter filter, RelatedOptions related) {
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
        List<String> positives = List.copyOf(new LinkedHashSet<>(positive));
        List<String> negatives = List.copyOf(new LinkedHashSet<>(negative));
        RelatedPicker.Picked picked = picker.pick(positives, depth -> recommender.recommend(positives, negatives,
                strategy, filter.withK(depth), allowed(filter)), filter.k(), related);
        List<Match> matches = marked(matches(picked.hits(), filter), picked.duplicates());
        return result(filter.explain() ? explainByNearestPositive(positive, matches) : matches, start);
    }

    /**
     * Whether {@link #search(String, ResultFilter, SearchMode)} of {@code text} in {@code mode}, without an
     * explanation, would answer without calling the model now: lexical search never does, and the others not
     * when the query's embedding is cached.
     */
    public boolean answersWithoutModel(String text, SearchMode mode) {
        return mode == SearchMode.LEXICAL || queries.holds(text);
    }

    /** The cache of recent free-text query embeddings, for its meters. */
    public QueryCache queryCache() {
        return queries;
    }

    /** Explains matches by sentence pairs, within the explanation limits; shared with the duplicate checks. */
    public MatchExplainer explainer() {
        return explainer;
    }

    /** The papers and indexes this service answers from. */
    public IndexedCorpus indexed() {
        return corpus;
    }

    /** The default search mode and the hybrid fusion this service answers with. */
    public SearchOptions searchOptions() {
        return searchOptions;
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

    /** Whether rankings by meaning are exact: false for an approximate index (Elasticsearch int8). */
    public boolean exactByMeaning() {
        return corpus.index().exact();
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

    /**
     * Embeds texts as papers are embedded, without the query instruction: for a paper's text, exactly the vector
     * simdex stores and compares for that paper. A text over {@link #maxTokens()} is cut or split into windows as
     * {@code model.long-texts} says, as a paper's would be.
     *
     * @return one per text, in order; an empty list for no texts
     * @throws io.simdex.encode.EncoderException when the model fails
     */
    public List<EmbeddedText> embed(List<String> texts) {
        return encoder.encode(texts).stream()
                .map(e -> new EmbeddedText(e.vector(), new TokenStats(e.tokens(), e.tokensEmbedded())))
                .toList();
    }

    /**
     * Releases the indexes (the vector index's scan threads and, with int8 storage, its memory-mapped file; the
     * lexical index's memory); not the encoder.
     */
    @Override
    public void close() {
        try {
            corpus.index().close();
        } finally {
            corpus.lexical().close();
        }
    }

    /** The BM25 ranking. */
    private List<Match> lexical(String text, ResultFilter filter) {
        return matches(corpus.lexical().search(text, filter.k(), filter.exclude(), allowed(filter)), LexicalHit::id,
                LexicalHit::score, filter);
    }

    /** Both rankings, as deep as {@link Ranker#depth} says, fused by {@link Ranker#hybrid}. */
    private List<Match> hybrid(String text, ResultFilter filter) {
        int depth = ranker.depth(filter.k());
        float[] query = queries.encodeQuery(text).vector();
        IndexedCorpus.Rankings both = corpus.rankBoth(new SearchRequest(query, depth, filter.exclude(),
                SearchRequest.NO_MIN_SCORE).withFilter(allowed(filter)), text);
        List<Hit> byMeaning = both.byMeaning();
        List<LexicalHit> byWords = both.byWords();
        List<RankFusion.Fused> fused = ranker.hybrid(byMeaning,
                byWords.stream().map(hit -> new Hit(hit.id(), hit.score())).toList(),
                () -> corpus.lexical().bestPossibleScore(text), filter.k());
        return matches(fused, RankFusion.Fused::id, RankFusion.Fused::score, filter);
    }

    private void checkNoCosineBounds(ResultFilter filter, SearchMode mode) {
        checkNoCosineBounds(filter, mode, mode == searchOptions.defaultMode());
    }

    private static void checkNoCosineBounds(ResultFilter filter, SearchMode mode, boolean isDefault) {
        boolean min = filter.minScore() != ResultFilter.NO_MIN_SCORE;
        if (min || filter.maxScore() != ResultFilter.NO_MAX_SCORE) {
            String field = min ? "min_score" : "max_score";
            String byDefault = isDefault ? " (the default when no mode is given)" : "";
            throw new InvalidQueryException(field, "'" + field + "' bounds a cosine, and only mode=vector scores by "
                    + "cosine; mode=" + mode + byDefault + " answers with " + mode.scores() + ", which are not "
                    + "cosines. Add mode=vector to the query to bound cosines, or drop '" + field + "'");
        }
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

    private SearchRequest request(float[] query, ResultFilter filter, Set<String> alsoExcluded) {
        Set<String> exclude = filter.exclude();
        if (!alsoExcluded.isEmpty()) {
            exclude = filter.excluding(alsoExcluded).exclude();
        }
        return new SearchRequest(query, filter.k(), exclude, filter.minScore(), filter.maxScore())
                .withFilter(allowed(filter));
    }

    /** The papers a request may return: those whose metadata meets its conditions (every paper, for none). */
    private Predicate<String> allowed(ResultFilter filter) {
        MetadataFilter conditions = filter.metadata();
        if (conditions.isEmpty()) {
            return SearchRequest.NO_FILTER;
        }
        List<MetadataPredicate.Condition> named = conditions.conditions().stream()
                .map(c -> new MetadataPredicate.Condition(c.field(), c.op().label(), c.value())).toList();
        return new MetadataPredicate() {
            @Override
            public boolean test(String id) {
                return corpus.corpus().find(id).map(paper -> conditions.test(paper.metadata())).orElse(false);
            }

            @Override
            public List<MetadataPredicate.Condition> conditions() {
                return named;
            }
        };
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

    private List<Match> matches(List<Hit> hits, ResultFilter filter) {
        return matches(hits, Hit::id, Hit::score, filter);
    }

    /** Ranked (id, score) results of any kind as matches, ranked from 1, with metadata when the filter asks. */
    private <T> List<Match> matches(List<T> ranked, Function<T, String> id, ToDoubleFunction<T> score,
            ResultFilter filter) {
        var matches = new ArrayList<Match>(ranked.size());
        for (T result : ranked) {
            // a paper deleted while this request ran is left out rather than failing the request
            corpus.corpus().find(id.apply(result)).ifPresent(paper -> matches.add(new Match(paper.id(),
                    paper.title(), (float) score.applyAsDouble(result), matches.size() + 1, null,
                    filter.withMetadata() ? paper.metadata() : null, null)));
        }
        return matches;
    }

    private static List<String> ids(List<Hit> hits) {
        return hits.stream().map(Hit::id).toList();
    }

    /** The matches, each that duplicates a reference paper marked with its band. */
    private static List<Match> marked(List<Match> matches, Map<String, String> duplicates) {
        if (duplicates.isEmpty()) {
            return matches;
        }
        var marked = new ArrayList<Match>(matches.size());
        for (Match match : matches) {
            String band = duplicates.get(match.id());
            marked.add(band == null ? match : match.markedDuplicate(band));
        }
        return marked;
    }

    private static SearchResult result(List<Match> matches, long startNanos) {
        return new SearchResult(matches, (System.nanoTime() - startNanos) / 1_000_000);
    }
}
