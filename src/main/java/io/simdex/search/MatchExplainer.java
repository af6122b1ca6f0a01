package io.simdex.search;

import io.simdex.corpus.Papers;
import io.simdex.encode.Embedding;
import io.simdex.encode.Encoder;
import io.simdex.kernels.VectorMath;
import io.simdex.text.Sentences;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Explains a match by the sentence pair that agrees most: each text is split into sentences (a paper's title
 * counts as its first), every sentence is embedded, and the pair with the highest cosine wins. Sentence
 * vectors of corpus papers are kept for the most recently explained papers, so explaining the same papers
 * again costs only the query's sentences. Safe for concurrent use.
 */
public final class MatchExplainer {

    /** Paper texts whose sentence vectors are kept; a few hundred kilobytes each at most. */
    private static final int CACHED_PAPERS = 1024;

    /** The sentences of a paper an explanation considers: its title and the start of its abstract. */
    static final int PAPER_SENTENCES = 128;

    private final Papers corpus;
    private final Encoder encoder;
    private final SearchOptions limits;
    private final Map<String, Sentenced> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Sentenced> eldest) {
            return size() > CACHED_PAPERS;
        }
    };

    /** An explainer held to the default limits of explanation work. */
    public MatchExplainer(Papers corpus, Encoder encoder) {
        this(corpus, encoder, SearchOptions.defaults());
    }

    /** An explainer held to {@code limits}' explanation limits ({@code search.max-explain-*}). */
    public MatchExplainer(Papers corpus, Encoder encoder, SearchOptions limits) {
        this.corpus = corpus;
        this.encoder = encoder;
        this.limits = limits;
    }

    /** For each corpus paper in {@code ids}, its best sentence pair against free text, in the same order. */
    public List<Explanation> explainText(String queryText, List<String> ids) {
        return explain(null, queryText, ids);
    }

    /** For each corpus paper in {@code ids}, its best sentence pair against the corpus paper {@code queryId}. */
    public List<Explanation> explainPaper(String queryId, List<String> ids) {
        return explain(queryId, null, ids);
    }

    /** The matches, each carrying its best sentence pair against free text. */
    public List<Match> explainText(String queryText, Iterable<Match> matches) {
        return attach(matches, explainText(queryText, ids(matches)));
    }

    /** The matches, each carrying its best sentence pair against a corpus paper. */
    public List<Match> explainPaper(String queryId, Iterable<Match> matches) {
        return attach(matches, explainPaper(queryId, ids(matches)));
    }

    /**
     * For each corpus paper in {@code ids}, in the same order, the cosine of every pair of its sentences with those
     * of free text (null for a paper deleted meanwhile): what {@link #explainText(String, List)} picks the best pair
     * from.
     *
     * @param limited whether the work is held to {@code search.max-explain-*} (too much is refused with an
     *                {@link InvalidQueryException}), as for explanations; else each text counts only its first
     *                {@value #PAPER_SENTENCES} sentences, and the caller bounds the work by the papers it asks about
     */
    public List<SentenceScores> compareText(String queryText, List<String> ids, boolean limited) {
        return compare(null, queryText, ids, limited);
    }

    private List<Explanation> explain(String queryId, String queryText, List<String> ids) {
        var explanations = new ArrayList<Explanation>(ids.size());
        for (SentenceScores scores : compare(queryId, queryText, ids, true)) {
            explanations.add(scores == null ? null : scores.best());
        }
        return explanations;
    }

    /** @param limited whether the work is held to the explanation limits, else each text is cut to its first sentences */
    private List<SentenceScores> compare(String queryId, String queryText, List<String> ids, boolean limited) {
        if (ids.isEmpty()) {
            return List.of();
        }
        var wanted = new ArrayList<String>();
        if (queryId != null) {
            wanted.add(queryId);
        }
        wanted.addAll(ids);
        List<String> querySentences = queryText == null ? null
                : limited ? Sentences.split(queryText) : paperSentences(queryText);
        Map<String, Sentenced> papers = papers(wanted, querySentences, limited);
        Sentenced query = queryId != null ? papers.get(queryId) : encode(querySentences);
        if (query == null) {
            throw new UnknownPaperException(queryId);
        }
        var scores = new ArrayList<SentenceScores>(ids.size());
        for (String id : ids) {
            Sentenced match = papers.get(id);
            scores.add(match == null ? null : cosines(query, match));
        }
        return scores;
    }

    private static List<String> ids(Iterable<Match> matches) {
        var ids = new ArrayList<String>();
        matches.forEach(m -> ids.add(m.id()));
        return ids;
    }

    private static List<Match> attach(Iterable<Match> matches, List<Explanation> explanations) {
        var explained = new ArrayList<Match>(explanations.size());
        int i = 0;
        for (Match match : matches) {
            explained.add(match.explained(explanations.get(i++)));
        }
        return explained;
    }

    /**
     * Sentence vectors for every id, from the cache or encoded together in one call, once the work is known to be
     * within the limits. The cache is keyed by a paper's text, so a paper replaced by a write is split and
     * encoded anew; an id whose paper is gone (deleted while the request ran) is left out, and its explanation is
     * null.
     *
     * @param querySentences the free-text query's sentences, counted in the work; null when the query is a paper
     */
    private Map<String, Sentenced> papers(List<String> ids, List<String> querySentences, boolean limited) {
        var found = new LinkedHashMap<String, Sentenced>();
        var textOf = new LinkedHashMap<String, String>();
        for (String id : ids) {
            corpus.find(id).ifPresent(paper -> textOf.put(id, paper.embeddingText()));
        }
        var missing = new LinkedHashMap<String, String>();
        synchronized (cache) {
            textOf.forEach((id, text) -> {
                Sentenced cached = cache.get(text);
                if (cached != null) {
                    found.put(id, cached);
                } else {
                    missing.put(id, text);
                }
            });
        }
        var sentences = new ArrayList<List<String>>();
        var all = new ArrayList<String>();
        for (String text : missing.values()) {
            List<String> split = paperSentences(text);
            sentences.add(split);
            all.addAll(split);
        }
        if (limited) {
            checkWork(ids, querySentences, found, missing, sentences);
        }
        if (missing.isEmpty()) {
            return found;
        }
        List<Embedding> vectors = encoder.encode(all);
        int next = 0;
        int p = 0;
        synchronized (cache) {
            for (var entry : missing.entrySet()) {
                List<String> split = sentences.get(p++);
                var sentenced = new Sentenced(split, vectors.subList(next, next + split.size()));
                next += split.size();
                cache.put(entry.getValue(), sentenced);
                found.put(entry.getKey(), sentenced);
            }
        }
        return found;
    }

    /**
     * A text's first {@value #PAPER_SENTENCES} sentences: those a paper's explanations consider, and those sentence
     * comparisons without the explanation limits consider on either side.
     */
    public static List<String> paperSentences(String text) {
        List<String> split = Sentences.split(text);
        return split.size() <= PAPER_SENTENCES ? split : List.copyOf(split.subList(0, PAPER_SENTENCES));
    }

    /**
     * Refuses explanations that would embed more sentences or score more sentence pairs than the limits allow,
     * before any is embedded.
     */
    private void checkWork(List<String> ids, List<String> querySentences, Map<String, Sentenced> found,
            Map<String, String> missing, List<List<String>> missingSentences) {
        var count = new LinkedHashMap<String, Integer>();
        found.forEach((id, sentenced) -> count.put(id, sentenced.sentences().size()));
        int p = 0;
        for (String id : missing.keySet()) {
            count.put(id, missingSentences.get(p++).size());
        }
        long query = querySentences != null ? querySentences.size() : count.getOrDefault(ids.get(0), 0);
        long matched = 0;
        for (int i = querySentences != null ? 0 : 1; i < ids.size(); i++) {
            matched += count.getOrDefault(ids.get(i), 0);
        }
        long sentenceCount = query + matched;
        if (sentenceCount > limits.maxExplainSentences()) {
            throw new InvalidQueryException("explain", "explaining these results would compare " + sentenceCount
                    + " sentences (" + query + " in the query), more than the " + limits.maxExplainSentences()
                    + " one request may (search.max-explain-sentences); send a shorter text, ask for fewer results"
                    + " with k, or leave out explain");
        }
        long pairs = query * matched;
        if (pairs > limits.maxExplainPairs()) {
            throw new InvalidQueryException("explain", "explaining these results would score " + pairs
                    + " sentence pairs, more than the " + limits.maxExplainPairs() + " one request may"
                    + " (search.max-explain-pairs); send a shorter text, ask for fewer results with k, or leave out"
                    + " explain");
        }
    }

    private Sentenced encode(List<String> sentences) {
        return new Sentenced(sentences, encoder.encode(sentences));
    }

    private static SentenceScores cosines(Sentenced query, Sentenced match) {
        float[][] cosines = new float[query.sentences().size()][match.sentences().size()];
        for (int q = 0; q < cosines.length; q++) {
            float[] vector = query.vectors().get(q).vector();
            for (int m = 0; m < cosines[q].length; m++) {
                cosines[q][m] = VectorMath.dot(vector, match.vectors().get(m).vector());
            }
        }
        return new SentenceScores(query.sentences(), match.sentences(), cosines);
    }

    /** A text's sentences and their unit vectors, in order. */
    private record Sentenced(List<String> sentences, List<Embedding> vectors) {
        Sentenced {
            sentences = List.copyOf(sentences);
            vectors = List.copyOf(vectors);
        }
    }
}
