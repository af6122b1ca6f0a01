package io.simdex.tools.eval;

import io.simdex.corpus.Paper;
import io.simdex.index.FlatIndex;
import io.simdex.index.Hit;
import io.simdex.index.IndexOptions;
import io.simdex.index.SearchRequest;
import io.simdex.kernels.VectorMath;
import io.simdex.lexical.LexicalDocument;
import io.simdex.lexical.LexicalIndex;
import io.simdex.search.RankFusion;
import io.simdex.search.Ranker;
import io.simdex.search.SearchMode;
import io.simdex.search.SearchOptions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Runs the evaluations for one encoder: retrieval on BEIR sets, STS correlation, and the title-to-abstract
 * check. Vector rankings come from the product's {@link FlatIndex}, searched exactly as the service does.
 */
public final class Evaluation {

    private final EvalEncoder encoder;
    private final String model;

    public Evaluation(EvalEncoder encoder) {
        this.encoder = encoder;
        this.model = encoder.encoder().modelName();
    }

    /**
     * nDCG@10, Recall@10/100 and MRR@10 over every document of the set, one result per mode. Lexical and
     * hybrid rankings are built as the service builds them: BM25 over the same texts, and reciprocal rank
     * fusion of the two rankings {@code max(100, candidates)} deep.
     */
    public List<EvalReport.RetrievalResult> retrieval(BeirDataset data, Set<SearchMode> modes, SearchOptions options) {
        Rankings r = rankings(data, data.name(), modes, options);
        var results = new ArrayList<EvalReport.RetrievalResult>();
        for (SearchMode mode : r.byMode().keySet()) {
            RetrievalMetrics m = RetrievalMetrics.of(r.byMode().get(mode), data.qrels());
            results.add(new EvalReport.RetrievalResult(data.name(), mode.label(), data.documents().size(), m.queries(),
                    m.ndcg10(), m.recall10(), m.recall100(), m.mrr10(),
                    mode == SearchMode.VECTOR ? boxed(Published.retrieval(model, data.name())) : null,
                    mode == SearchMode.LEXICAL ? null : EvalReport.EncodingSpeed.of(r.documents())));
        }
        return results;
    }

    /**
     * The query-set check: each query of {@code set} searched against the corpus's papers, embedded and indexed
     * as the service does ({@link Paper#embeddingText()} for both the vectors and BM25), scored per style by
     * {@link StyleScores}, one result per mode and group of queries.
     *
     * @throws EvalDataException if an answer names a paper the corpus does not hold
     */
    public List<EvalReport.QueryStyleResult> queries(List<Paper> papers, QuerySet set, Set<SearchMode> modes,
                                                     SearchOptions options) {
        set.requireKnown(new HashSet<>(papers.stream().map(Paper::id).toList()), "the corpus");
        var docs = papers.stream().map(p -> new BeirDataset.Document(p.id(), "", p.embeddingText())).toList();
        var queries = set.queries().stream().map(q -> new BeirDataset.Query(q.id(), q.text())).toList();
        var qrels = new LinkedHashMap<String, Map<String, Integer>>();
        set.queries().forEach(q -> qrels.put(q.id(), q.answers()));
        Rankings r = rankings(new BeirDataset("corpus", docs, queries, qrels), "corpus-queries", modes, options);
        var results = new ArrayList<EvalReport.QueryStyleResult>();
        for (SearchMode mode : r.byMode().keySet()) {
            for (StyleScores.Row row : StyleScores.of(set, r.byMode().get(mode))) {
                RetrievalMetrics m = row.metrics();
                results.add(new EvalReport.QueryStyleResult(mode.label(), row.group(), m.queries(), m.ndcg10(),
                        m.mrr10(), m.recall10()));
            }
        }
        return results;
    }

    /** Random pairs drawn for the related-paper AUC, and the seed they are drawn with. */
    static final int RANDOM_PAIRS = 10_000;
    static final long RANDOM_SEED = 16;

    /**
     * The related-paper check: for each related pair, the rank of one paper among every document of the set
     * when the papers like the other are asked for ({@link RelatedMetrics}), one result per mode, and the
     * random-pair AUC of their cosines. In {@code vector} mode "papers like this one" is what
     * {@code GET /api/papers/{id}/similar} serves: the paper's own vector searched in the flat index, the paper
     * itself left out. {@code lexical} ranks by BM25 over the paper's own distinctive terms
     * ({@link LexicalIndex#moreLikeThis}), and {@code hybrid} fuses the two rankings by the service's rule
     * ({@link Ranker}). Documents are embedded as for {@link #retrieval}, so the two checks share their cached
     * vectors.
     *
     * @throws EvalDataException if a pair names a document the set does not hold
     */
    public List<EvalReport.RelatedResult> related(BeirDataset data, List<CoCitedPairs.Pair> pairs,
                                                  Set<SearchMode> modes, SearchOptions options) {
        List<String> docIds = data.documents().stream().map(BeirDataset.Document::id).toList();
        CoCitedPairs.requireKnown(pairs, new HashSet<>(docIds), data.name());
        EvalEncoder.Encoded docs = encoder.documents(data.name() + "-documents",
                data.documents().stream().map(BeirDataset.Document::fullText).toList());
        try (var rankings = new RelatedRankings(docIds, data.documents().stream().map(BeirDataset.Document::fullText)
                .toList(), data.documents().stream().map(BeirDataset.Document::title).toList(), docs.vectors(),
                options)) {
            double auc = RelatedMetrics.auc(pairs, docIds, docs.vectors(), RANDOM_PAIRS, RANDOM_SEED);
            var results = new ArrayList<EvalReport.RelatedResult>();
            for (SearchMode mode : modes) {
                RelatedMetrics m = RelatedMetrics.of(pairs, rankings.ranking(mode));
                results.add(new EvalReport.RelatedResult(data.name(), mode.label(), docIds.size(), m.pairs(),
                        m.queries(), m.recall10(), m.recall100(), m.mrr100(), mode == SearchMode.VECTOR ? auc : null,
                        mode == SearchMode.LEXICAL ? null : EvalReport.EncodingSpeed.of(docs)));
            }
            return results;
        }
    }

    /**
     * The judged related-paper check over corpus papers: for each query paper of {@code set}, "more like this"
     * ranked in each mode as {@code GET /api/papers/{id}/similar} ranks ({@link RelatedRankings}), scored by
     * {@link JudgedMetrics}. Papers are embedded as the service embeds them: title and abstract joined.
     *
     * @throws EvalDataException if the set names a paper the corpus does not hold
     */
    public List<EvalReport.JudgedResult> judged(List<Paper> papers, JudgedSet set, Set<SearchMode> modes,
                                                SearchOptions options) {
        List<String> ids = papers.stream().map(Paper::id).toList();
        set.requireKnown(new HashSet<>(ids), "the corpus");
        List<String> texts = papers.stream().map(Paper::embeddingText).toList();
        EvalEncoder.Encoded docs = encoder.documents("corpus-papers", texts);
        try (var rankings = new RelatedRankings(ids, texts, papers.stream().map(Paper::title)
                .toList(), docs.vectors(), options)) {
            var results = new ArrayList<EvalReport.JudgedResult>();
            for (SearchMode mode : modes) {
                JudgedMetrics m = JudgedMetrics.of(set, rankings.ranking(mode));
                results.add(new EvalReport.JudgedResult(set.name(), mode.label(), ids.size(), m.queries(),
                        m.precision5(), m.wanted5(), m.ndcg10(), m.judged5(),
                        mode == SearchMode.LEXICAL ? null : EvalReport.EncodingSpeed.of(docs)));
            }
            return results;
        }
    }

    /** Spearman correlation between each pair's cosine and its gold score; sentences are embedded as documents. */
    public EvalReport.StsResult sts(Path file, List<StsPairs.Pair> pairs) {
        var sentences = new ArrayList<String>(pairs.size() * 2);
        for (StsPairs.Pair p : pairs) {
            sentences.add(p.first());
            sentences.add(p.second());
        }
        EvalEncoder.Encoded encoded = encoder.documents("sts-" + file.getFileName(), sentences);
        double[] gold = new double[pairs.size()];
        double[] cosine = new double[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            gold[i] = pairs.get(i).gold();
            cosine[i] = VectorMath.dot(encoded.vectors()[2 * i], encoded.vectors()[2 * i + 1]);
        }
        // The published figures are over the whole STS-B test split; a subset has none to compare with.
        var published = pairs.size() == Published.STSB_TEST_PAIRS ? Published.sts(model) : OptionalDouble.empty();
        return new EvalReport.StsResult(file.getFileName().toString(), pairs.size(), Spearman.correlation(cosine, gold),
                boxed(published), EvalReport.EncodingSpeed.of(encoded));
    }

    /**
     * Each paper's title searched, as a query, against every paper's abstract embedded alone: Recall@1 and
     * MRR (to rank 100) of the paper's own abstract, one result per mode.
     */
    public List<EvalReport.TitleAbstractResult> titleAbstract(List<Paper> papers, Set<SearchMode> modes,
                                                              SearchOptions options) {
        BeirDataset data = titleAbstractSet(papers);
        Rankings r = rankings(data, "corpus", modes, options);
        var results = new ArrayList<EvalReport.TitleAbstractResult>();
        for (SearchMode mode : r.byMode().keySet()) {
            RetrievalMetrics m = RetrievalMetrics.of(r.byMode().get(mode), data.qrels());
            results.add(new EvalReport.TitleAbstractResult(mode.label(), papers.size(), m.recall1(), m.mrr100(),
                    mode == SearchMode.LEXICAL ? null : EvalReport.EncodingSpeed.of(r.documents())));
        }
        return results;
    }

    /** Vector title-to-abstract retrieval; see {@link #titleAbstract(List, Set, SearchOptions)}. */
    public EvalReport.TitleAbstractResult titleAbstract(List<Paper> papers) {
        return titleAbstract(papers, EnumSet.of(SearchMode.VECTOR), SearchOptions.defaults()).get(0);
    }

    /** Each mode's rankings, and how the documents were encoded (null when no mode needed vectors). */
    private record Rankings(Map<SearchMode, Map<String, List<String>>> byMode, EvalEncoder.Encoded documents) {
    }

    private Rankings rankings(BeirDataset data, String namespace, Set<SearchMode> modes, SearchOptions options) {
        List<String> docIds = data.documents().stream().map(BeirDataset.Document::id).toList();
        List<String> queryIds = data.queries().stream().map(BeirDataset.Query::id).toList();
        List<String> queryTexts = data.queries().stream().map(BeirDataset.Query::text).toList();
        int depth = new Ranker(options).depth(RetrievalMetrics.DEPTH);
        Map<String, List<Hit>> vector = null;
        EvalEncoder.Encoded docs = null;
        if (modes.contains(SearchMode.VECTOR) || modes.contains(SearchMode.HYBRID)) {
            docs = encoder.documents(namespace + "-documents",
                    data.documents().stream().map(BeirDataset.Document::fullText).toList());
            float[][] queries = encoder.queries(namespace + "-queries", queryTexts).vectors();
            vector = vectorRankings(docIds, docs.vectors(), queryIds, queries, depth);
        }
        LexicalRankings lexical = null;
        if (modes.contains(SearchMode.LEXICAL) || modes.contains(SearchMode.HYBRID)) {
            lexical = lexicalRankings(data, depth);
        }
        var byMode = new EnumMap<SearchMode, Map<String, List<String>>>(SearchMode.class);
        for (SearchMode mode : modes) {
            byMode.put(mode, switch (mode) {
                case VECTOR -> cut(vector, RetrievalMetrics.DEPTH);
                case LEXICAL -> cut(lexical.hits(), RetrievalMetrics.DEPTH);
                case HYBRID -> fused(vector, lexical, queryIds, options);
            });
        }
        return new Rankings(byMode, docs);
    }

    /** Each query's BM25 ranking, and the highest BM25 score any document could reach for it. */
    private record LexicalRankings(Map<String, List<Hit>> hits, Map<String, Double> bestPossible) {
    }

    private static LexicalRankings lexicalRankings(BeirDataset data, int depth) {
        var docs = data.documents().stream().map(d -> new LexicalDocument(d.id(), d.fullText())).toList();
        try (LexicalIndex index = LexicalIndex.build(docs)) {
            var rankings = new HashMap<String, List<Hit>>(data.queries().size() * 2);
            var bestPossible = new HashMap<String, Double>(data.queries().size() * 2);
            for (BeirDataset.Query q : data.queries()) {
                rankings.put(q.id(), index.search(q.text(), depth, Set.of()).stream()
                        .map(hit -> new Hit(hit.id(), hit.score())).toList());
                bestPossible.put(q.id(), index.bestPossibleScore(q.text()));
            }
            return new LexicalRankings(rankings, bestPossible);
        }
    }

    /** Each query's hybrid ranking, fused by the service's own rule ({@link Ranker}), to the metrics' depth. */
    private static Map<String, List<String>> fused(Map<String, List<Hit>> vector, LexicalRankings lexical,
                                                   List<String> queryIds, SearchOptions options) {
        var ranker = new Ranker(options);
        var rankings = new HashMap<String, List<String>>(queryIds.size() * 2);
        for (String q : queryIds) {
            rankings.put(q, ranker.hybrid(vector.get(q), lexical.hits().get(q), () -> lexical.bestPossible().get(q),
                    RetrievalMetrics.DEPTH)
                    .stream().map(RankFusion.Fused::id).toList());
        }
        return rankings;
    }

    private static Map<String, List<String>> cut(Map<String, List<Hit>> rankings, int depth) {
        var out = new HashMap<String, List<String>>(rankings.size() * 2);
        rankings.forEach((q, ranking) -> out.put(q, ranking.subList(0, Math.min(depth, ranking.size())).stream()
                .map(Hit::id).toList()));
        return out;
    }

    /** The title-to-abstract check as a retrieval set: documents are abstracts, queries titles, one answer each. */
    static BeirDataset titleAbstractSet(List<Paper> papers) {
        var docs = new ArrayList<BeirDataset.Document>(papers.size());
        var queries = new ArrayList<BeirDataset.Query>(papers.size());
        var qrels = new LinkedHashMap<String, Map<String, Integer>>();
        for (Paper p : papers) {
            docs.add(new BeirDataset.Document(p.id(), "", p.abstractText()));
            queries.add(new BeirDataset.Query(p.id(), p.title()));
            qrels.put(p.id(), Map.of(p.id(), 1));
        }
        return new BeirDataset("corpus", docs, queries, qrels);
    }

    static Map<String, List<Hit>> vectorRankings(List<String> docIds, float[][] docVectors, List<String> queryIds,
                                                    float[][] queryVectors, int depth) {
        depth = Math.min(depth, docIds.size());
        try (FlatIndex index = new FlatIndex(docVectors[0].length, IndexOptions.defaults())) {
            index.addAll(docIds, docVectors);
            var requests = new ArrayList<SearchRequest>(queryIds.size());
            for (float[] q : queryVectors) {
                requests.add(SearchRequest.of(q, depth));
            }
            List<List<Hit>> hits = index.searchBatch(requests);
            var rankings = new HashMap<String, List<Hit>>(queryIds.size() * 2);
            for (int i = 0; i < queryIds.size(); i++) {
                rankings.put(queryIds.get(i), hits.get(i));
            }
            return rankings;
        }
    }

    private static Double boxed(OptionalDouble value) {
        return value.isPresent() ? value.getAsDouble() : null;
    }
}
