package io.simdex.eval;

import io.simdex.corpus.Paper;
import io.simdex.index.FlatIndex;
import io.simdex.index.Hit;
import io.simdex.index.IndexOptions;
import io.simdex.index.SearchRequest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

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

    /** nDCG@10, Recall@10/100 and MRR@10 of vector search over every document of the set. */
    public EvalReport.RetrievalResult retrieval(BeirDataset data) {
        EvalEncoder.Encoded docs = encoder.documents(data.name() + "-documents",
                data.documents().stream().map(BeirDataset.Document::fullText).toList());
        EvalEncoder.Encoded queries = encoder.queries(data.name() + "-queries",
                data.queries().stream().map(BeirDataset.Query::text).toList());
        Map<String, List<String>> rankings = vectorRankings(
                data.documents().stream().map(BeirDataset.Document::id).toList(), docs.vectors(),
                data.queries().stream().map(BeirDataset.Query::id).toList(), queries.vectors());
        RetrievalMetrics m = RetrievalMetrics.of(rankings, data.qrels());
        return new EvalReport.RetrievalResult(data.name(), "vector", data.documents().size(), m.queries(),
                m.ndcg10(), m.recall10(), m.recall100(), m.mrr10(), boxed(Published.retrieval(model, data.name())),
                EvalReport.EncodingSpeed.of(docs));
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
            cosine[i] = dot(encoded.vectors()[2 * i], encoded.vectors()[2 * i + 1]);
        }
        // The published figures are over the whole STS-B test split; a subset has none to compare with.
        var published = pairs.size() == Published.STSB_TEST_PAIRS ? Published.sts(model) : OptionalDouble.empty();
        return new EvalReport.StsResult(file.getFileName().toString(), pairs.size(), Spearman.correlation(cosine, gold),
                boxed(published), EvalReport.EncodingSpeed.of(encoded));
    }

    /**
     * Each paper's title searched, as a query, against every paper's abstract embedded alone: Recall@1 and
     * MRR of the paper's own abstract.
     */
    public EvalReport.TitleAbstractResult titleAbstract(List<Paper> papers) {
        BeirDataset data = titleAbstractSet(papers);
        EvalEncoder.Encoded abstracts = encoder.documents("corpus-abstracts",
                data.documents().stream().map(BeirDataset.Document::fullText).toList());
        EvalEncoder.Encoded titles = encoder.queries("corpus-titles",
                data.queries().stream().map(BeirDataset.Query::text).toList());
        List<String> ids = papers.stream().map(Paper::id).toList();
        RetrievalMetrics m = RetrievalMetrics.of(
                vectorRankings(ids, abstracts.vectors(), ids, titles.vectors()), data.qrels());
        return new EvalReport.TitleAbstractResult("vector", papers.size(), m.recall1(), m.mrr100(),
                EvalReport.EncodingSpeed.of(abstracts));
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

    static Map<String, List<String>> vectorRankings(List<String> docIds, float[][] docVectors, List<String> queryIds,
                                                    float[][] queryVectors) {
        int depth = Math.min(RetrievalMetrics.DEPTH, docIds.size());
        try (FlatIndex index = new FlatIndex(docVectors[0].length, IndexOptions.defaults())) {
            index.addAll(docIds, docVectors);
            var requests = new ArrayList<SearchRequest>(queryIds.size());
            for (float[] q : queryVectors) {
                requests.add(SearchRequest.of(q, depth));
            }
            List<List<Hit>> hits = index.searchBatch(requests);
            var rankings = new HashMap<String, List<String>>(queryIds.size() * 2);
            for (int i = 0; i < queryIds.size(); i++) {
                rankings.put(queryIds.get(i), hits.get(i).stream().map(Hit::id).toList());
            }
            return rankings;
        }
    }

    private static double dot(float[] a, float[] b) {
        return io.simdex.index.VectorMath.dot(a, b);
    }

    private static Double boxed(OptionalDouble value) {
        return value.isPresent() ? value.getAsDouble() : null;
    }
}
