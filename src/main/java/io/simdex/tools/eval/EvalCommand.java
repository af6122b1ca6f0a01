package io.simdex.tools.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import io.simdex.App;
import io.simdex.api.ApiJson;
import io.simdex.config.Settings;
import io.simdex.corpus.CorpusLoader;
import io.simdex.corpus.Paper;
import io.simdex.encode.EncoderOptions;
import io.simdex.encode.LongTexts;
import io.simdex.encode.OnnxEncoder;
import io.simdex.launch.ConfigOptions;
import io.simdex.launch.Launcher;
import io.simdex.search.InvalidQueryException;
import io.simdex.search.SearchMode;
import io.simdex.search.SearchOptions;
import io.simdex.tools.calibrate.CalibrateCommand;
import io.simdex.tools.calibrate.RewriteSet;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code simdex eval}: relevance on public benchmarks and on the corpus, for the configured model. */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure relevance for the configured model: BEIR retrieval (nDCG@10, Recall@10/100, "
                + "MRR@10), STS Spearman correlation, title-to-abstract retrieval on the corpus, and related papers "
                + "(pairs known to be related, or papers judged by reading, ranked by more-like-this), and a query set scored per query style. Prints a "
                + "table (or JSON); progress goes to stderr. Embeddings are cached, so a second run only "
                + "searches. See docs/EVALUATION.md.")
public final class EvalCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    @Option(names = "--beir", paramLabel = "DIR",
            description = "A BEIR folder: corpus.jsonl[.gz], queries.jsonl, qrels/<split>.tsv.")
    Path beir;

    @Option(names = "--split", paramLabel = "NAME", description = "The qrels file of --beir (default test).")
    String split = "test";

    @Option(names = "--sts", paramLabel = "FILE",
            description = "A tab-separated STS file: genre, file, year, id, score, sentence1, sentence2.")
    Path sts;

    @Option(names = "--sts-limit", paramLabel = "N", description = "Use only the first N pairs of --sts (default all).")
    int stsLimit;

    @Option(names = "--title-abstract",
            description = "Search each corpus paper's title against every abstract embedded without its title.")
    boolean titleAbstract;

    @Option(names = "--related", paramLabel = "FILE",
            description = "Related-paper check over the documents of --beir: a tab-separated file of related pairs "
                    + "(header naming doc_id_a and doc_id_b), e.g. SciFact's co-cited abstracts. Reports the rank "
                    + "of each paper's partner among the papers like it (Recall@10/100, MRR@100) and the random-pair "
                    + "AUC of their cosines. --modes: vector ranks by cosine (what similar serves), lexical by BM25 "
                    + "over the paper's own distinctive terms, hybrid fuses the two.")
    Path related;

    @Option(names = "--judged", paramLabel = "FILE", arity = "0..1", fallbackValue = BUNDLED_JUDGMENTS,
            description = "Judged related-paper check over the corpus papers: for each query paper of FILE "
                    + "(tab-separated query_id, doc_id, grade 0-2), its more-like-this ranking scored by P@5 (grade "
                    + ">= 1 and = 2) and nDCG@10. Without FILE, the set judged over the bundled corpus.")
    String judged;

    /** The value of {@code --judged} without a file: the set judged over the bundled corpus. */
    static final String BUNDLED_JUDGMENTS = "bundled";
    @Option(names = "--queries", paramLabel = "FILE", arity = "0..1", fallbackValue = BUNDLED_QUERIES,
            description = "Query-set check over the corpus: each query of FILE (default: the bundled set over the "
                    + "bundled corpus) searched in each of --modes and scored per query style (nDCG@10, MRR@10, "
                    + "Recall@10). A tab-separated file: id, style, split, query, answers (paper ids, each optionally "
                    + ":grade).")
    String queries;

    static final String BUNDLED_QUERIES = "bundled";

    @Option(names = "--rewrites", paramLabel = "bundled|DIR",
            description = "Duplicate calibration on human-written rewrites and hand-labelled hard pairs, as "
                    + "simdex calibrate --rewrites: bands and rewrite rule fitted on one half, reported on the other "
                    + "(Markdown). See docs/DEDUP.md.")
    String rewrites;

    @Option(names = "--long-texts", paramLabel = "truncate|chunk",
            description = "Override the model's handling of texts over its token budget.")
    String longTexts;

    @Option(names = "--modes", paramLabel = "MODE,...", split = ",",
            description = "Search modes of every check: vector, lexical, hybrid (default all three).")
    List<String> modes = List.of("vector", "lexical", "hybrid");

    @Option(names = "--json", description = "Print the results as JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        return Launcher.run(config.verbose(), () -> {
            if (beir == null && sts == null && !titleAbstract && judged == null && queries == null
                    && rewrites == null) {
                throw new InvalidQueryException("task", "choose at least one of --beir DIR, --sts FILE, "
                        + "--title-abstract, --judged [FILE], --queries [FILE], --rewrites bundled|DIR");
            }
            if (related != null && beir == null) {
                throw new InvalidQueryException("related", "--related FILE needs --beir DIR: the pairs name documents"
                        + " of that set");
            }
            if (stsLimit < 0) {
                throw new InvalidQueryException("sts-limit", "--sts-limit must be 0 (all) or more, got " + stsLimit);
            }
            var searchModes = EnumSet.noneOf(SearchMode.class);
            for (String label : modes) {
                searchModes.add(SearchMode.byLabel(label.strip()).orElseThrow(() -> new InvalidQueryException("modes",
                        "--modes takes " + SearchMode.labels() + ", got '" + label + "'")));
            }
            var extra = new LinkedHashMap<String, String>();
            if (longTexts != null) {
                extra.put("model.long-texts", longTexts);
            }
            Settings settings = config.load(extra);
            // Read the inputs before loading the model, so a wrong path fails at once.
            BeirDataset dataset = beir == null ? null : BeirDataset.read(beir, split);
            List<StsPairs.Pair> pairs = sts == null ? List.of() : StsPairs.read(sts, stsLimit);
            List<CoCitedPairs.Pair> relatedPairs = related == null ? List.of() : CoCitedPairs.read(related);
            if (related != null) {
                CoCitedPairs.requireKnown(relatedPairs, new HashSet<>(dataset.documents().stream()
                        .map(BeirDataset.Document::id).toList()), dataset.name());
            }
            JudgedSet judgedSet = judged == null ? null
                    : judged.equals(BUNDLED_JUDGMENTS) ? JudgedSet.bundled() : JudgedSet.read(Path.of(judged));
            QuerySet querySet = queries == null ? null
                    : queries.equals(BUNDLED_QUERIES) ? QuerySet.bundled() : QuerySet.read(Path.of(queries));
            var papers = titleAbstract || judged != null || querySet != null ? CorpusLoader.load(settings.corpus().path()).papers() : null;
            if (querySet != null) {
                querySet.requireKnown(new HashSet<>(papers.stream().map(Paper::id).toList()),
                        "the corpus at " + settings.corpus().path());
            }
            if (rewrites != null) {
                RewriteSet set = RewriteSet.named(rewrites);
                try (App app = App.build(settings)) {
                    System.out.print(CalibrateCommand.rewrites(app, set, System.nanoTime()));
                }
                if (beir == null && sts == null && !titleAbstract && judged == null && querySet == null) {
                    return 0;
                }
            }
            try (OnnxEncoder encoder = OnnxEncoder.load(settings.model())) {
                Optional<Path> cacheDir = settings.cache().enabled() ? Optional.of(settings.cache().dir()) : Optional.empty();
                // With chunking, a text that fits one window has its truncating vector: reuse the cached ones.
                Optional<String> twin = settings.model().longTexts() == LongTexts.CHUNK
                        ? Optional.of(encoder.truncatingModelId()) : Optional.empty();
                var evaluation = new Evaluation(new EvalEncoder(encoder, cacheDir, System.err, twin));
                var retrieval = new ArrayList<EvalReport.RetrievalResult>();
                var stsResults = new ArrayList<EvalReport.StsResult>();
                var titles = new ArrayList<EvalReport.TitleAbstractResult>();
                var relatedResults = new ArrayList<EvalReport.RelatedResult>();
                var judgedResults = new ArrayList<EvalReport.JudgedResult>();
                var queryResults = new ArrayList<EvalReport.QueryStyleResult>();
                var options = settings.search();
                if (dataset != null) {
                    retrieval.addAll(evaluation.retrieval(dataset, searchModes, options));
                }
                if (related != null) {
                    relatedResults.addAll(evaluation.related(dataset, relatedPairs, searchModes, options));
                }
                if (sts != null) {
                    stsResults.add(evaluation.sts(sts, pairs));
                }
                if (querySet != null) {
                    queryResults.addAll(evaluation.queries(papers, querySet, searchModes, options));
                }
                if (titleAbstract) {
                    titles.addAll(evaluation.titleAbstract(papers, searchModes, options));
                }
                if (judgedSet != null) {
                    judgedResults.addAll(evaluation.judged(papers, judgedSet, searchModes, options));
                }
                EncoderOptions m = settings.model();
                var report = new EvalReport(m.name(), m.precision().name().toLowerCase(Locale.ROOT),
                        settings.precision().choice().reason(), m.maxTokens(),
                        m.longTexts().name().toLowerCase(Locale.ROOT), retrieval, stsResults, titles,
                        relatedResults, judgedResults, queryResults, fusion(options));
                System.out.print(json ? json(report) : EvalTable.render(report));
            }
            return 0;
        }, EvalDataException.class);
    }

    /** How hybrid rows were fused, for the report: search's fusion, then more-like-this's. */
    static String fusion(SearchOptions options) {
        String search = switch (options.fusion()) {
            case CONVEX -> String.format(Locale.ROOT, "convex (vector weight %s, full coverage %s)",
                    options.vectorWeight(), options.fullCoverage());
            case RRF -> "rrf (k " + options.rrfK() + ")";
        };
        return search + String.format(Locale.ROOT, "; related: rrf (k %d, words weight %s, title weight %s)",
                options.rrfK(), options.relatedWordsWeight(), options.relatedTitleWeight());
    }

    private static String json(EvalReport report) {
        try {
            return ApiJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
