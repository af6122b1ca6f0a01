package io.simdex.tools.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import io.simdex.App;
import io.simdex.api.ApiJson;
import io.simdex.config.Settings;
import io.simdex.corpus.CorpusLoader;
import io.simdex.encode.EncoderOptions;
import io.simdex.encode.LongTexts;
import io.simdex.encode.OnnxEncoder;
import io.simdex.launch.ConfigOptions;
import io.simdex.launch.Launcher;
import io.simdex.search.InvalidQueryException;
import io.simdex.search.SearchMode;
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
                + "(pairs known to be related, ranked by more-like-this). Prints a "
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

    @Option(names = "--rewrites", paramLabel = "bundled|DIR",
            description = "Duplicate calibration on human-written rewrites and hand-labelled hard pairs, as "
                    + "simdex calibrate --rewrites: bands and rewrite rule fitted on one half, reported on the other "
                    + "(Markdown). See docs/DEDUP.md.")
    String rewrites;

    @Option(names = "--long-texts", paramLabel = "truncate|chunk",
            description = "Override the model's handling of texts over its token budget.")
    String longTexts;

    @Option(names = "--modes", paramLabel = "MODE,...", split = ",",
            description = "Search modes for --beir and --title-abstract: vector, lexical, hybrid (default all three).")
    List<String> modes = List.of("vector", "lexical", "hybrid");

    @Option(names = "--json", description = "Print the results as JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        return Launcher.run(config.verbose(), () -> {
            if (beir == null && sts == null && !titleAbstract && rewrites == null) {
                throw new InvalidQueryException("task", "choose at least one of --beir DIR, --sts FILE, --title-abstract,"
                        + " --rewrites");
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
            var papers = titleAbstract ? CorpusLoader.load(settings.corpus().path()).papers() : null;
            if (rewrites != null) {
                RewriteSet set = RewriteSet.named(rewrites);
                try (App app = App.build(settings)) {
                    System.out.print(CalibrateCommand.rewrites(app, set, System.nanoTime()));
                }
                if (beir == null && sts == null && !titleAbstract) {
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
                if (papers != null) {
                    titles.addAll(evaluation.titleAbstract(papers, searchModes, options));
                }
                EncoderOptions m = settings.model();
                var report = new EvalReport(m.name(), m.precision().name().toLowerCase(Locale.ROOT), m.maxTokens(),
                        m.longTexts().name().toLowerCase(Locale.ROOT), retrieval, stsResults, titles,
                        relatedResults);
                System.out.print(json ? json(report) : EvalTable.render(report));
            }
            return 0;
        }, EvalDataException.class);
    }

    private static String json(EvalReport report) {
        try {
            return ApiJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
