package io.simdex.tools.calibrate;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import io.simdex.App;
import io.simdex.dedup.DuplicateBands;
import io.simdex.launch.ConfigOptions;
import io.simdex.launch.Launcher;
import io.simdex.search.InvalidQueryException;
import io.simdex.tools.eval.EvalDataException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code simdex calibrate}: measures duplicate and distinct-paper scores and suggests the duplicate bands. */
@Command(name = "calibrate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Generate duplicate variants of sampled papers (noise, reordering, paraphrase, truncation, "
                + "new titles), score them against their sources and each paper against its nearest other paper, "
                + "and print the distributions, precision and recall per threshold, and suggested dedup bands "
                + "as Markdown. See docs/DEDUP.md.")
public final class CalibrateCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    @Option(names = "--sample", paramLabel = "N", description = "Papers to make variants of (default 200).")
    int sample = 200;

    @Option(names = "--seed", paramLabel = "N", description = "Picks the papers and drives the variants (default 42).")
    long seed = 42;

    @Option(names = "--known-duplicate", paramLabel = "ID,ID", split = ";",
            description = "Two corpus ids known to be the same work, comma-separated; kept out of the distinct "
                    + "pairs and reported apart. Repeatable.")
    List<String> known = List.of();

    @Option(names = "--rewrites", paramLabel = "bundled|DIR",
            description = "Instead of generated variants, measure the human-written rewrites and hand-labelled hard "
                    + "pairs (bundled, or a folder with rewrites.jsonl and hard-pairs.tsv), fit the bands and the "
                    + "rewrite rule on one half and report both halves.")
    String rewrites;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the report here.")
    Path out;

    @Override
    public Integer call() {
        return Launcher.run(config.verbose(), () -> {
            if (sample < 1) {
                throw new InvalidQueryException("sample", "--sample must be at least 1, got " + sample);
            }
            try (App app = App.build(config.load(Map.of()))) {
                long start = System.nanoTime();
                if (rewrites != null) {
                    write(rewrites(app, RewriteSet.named(rewrites), start));
                    return 0;
                }
                DedupCalibrationReport report = new DedupCalibration(app.indexed(), app.encoder()).run(sample, seed,
                        pairs(known), (done, total) -> System.err.printf("encoded %d/%d variants%n", done, total));
                write(markdown(modelLine(app), report, app.duplicates().options().bands(),
                        (System.nanoTime() - start) / 1e9));
                return 0;
            }
        }, EvalDataException.class);
    }

    /** The rewrite calibration's report for the app's model and precision; {@code simdex eval --rewrites} too. */
    public static String rewrites(App app, RewriteSet set, long start) {
        List<RewriteCalibration.Case> cases = new RewriteCalibration(app.indexed(), app.encoder()).run(set,
                (done, total) -> System.err.printf("embedded %d/%d sentences%n", done, total));
        return new RewriteCalibrationReport(cases, app.duplicates().options().bands())
                .markdown(modelLine(app), (System.nanoTime() - start) / 1e9);
    }

    /** The model the app runs and the precision it resolved to, with why: {@code all-minilm-l6-v2 int8 (auto: ...)}. */
    static String modelLine(App app) {
        return app.settings().model().name() + " " + app.settings().precision().choice().describe();
    }

    private void write(String markdown) {
        if (out != null) {
            try {
                Files.writeString(out, markdown, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
            }
        }
        System.out.println(markdown);
    }

    private static List<List<String>> pairs(List<String> known) {
        var pairs = new ArrayList<List<String>>();
        for (String pair : known) {
            List<String> ids = Arrays.stream(pair.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            if (ids.size() != 2) {
                throw new InvalidQueryException("known-duplicate", "--known-duplicate takes two ids separated by a "
                        + "comma, got '" + pair + "'");
            }
            pairs.add(ids);
        }
        return pairs;
    }

    static String markdown(String model, DedupCalibrationReport report, DuplicateBands configured, double seconds) {
        var md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Model %s. Sampled %d papers, %d distinct pairs, %d known duplicate "
                + "pairs; took %.0f s.%n%n", model, report.sampled(), report.distinct().size(), report.known().size(),
                seconds));
        md.append("| pairs | n | cosine min | p5 | median | max | source ranked first | 3-gram containment min "
                + "| p5 | median | max |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Variant.Kind kind : Variant.Kind.values()) {
            List<DedupCalibrationReport.Scored> scored = report.variants().getOrDefault(kind, List.of());
            if (scored.isEmpty()) {
                continue;
            }
            float[] scores = DedupCalibrationReport.variantScores(scored);
            float[] containment = new float[scored.size()];
            long first = scored.stream().filter(DedupCalibrationReport.Scored::sourceFirst).count();
            for (int i = 0; i < containment.length; i++) {
                containment[i] = scored.get(i).shingleContainment();
            }
            row(md, "variant " + kind.name().toLowerCase(Locale.ROOT), scores,
                    String.format(Locale.ROOT, "%.1f%%", 100.0 * first / scored.size()),
                    containment);
        }
        float[] distinct = DedupCalibrationReport.scores(report.distinct());
        float[] distinctContainment = new float[report.distinct().size()];
        for (int i = 0; i < distinctContainment.length; i++) {
            distinctContainment[i] = report.distinct().get(i).shingleContainment();
        }
        row(md, "distinct: nearest other paper", distinct, "n/a", distinctContainment);
        md.append(String.format(Locale.ROOT, "%nDistinct pairs: p90 %.3f, p95 %.3f, p99 %.3f.%n",
                ThresholdSweep.percentile(distinct, 90), ThresholdSweep.percentile(distinct, 95),
                ThresholdSweep.percentile(distinct, 99)));
        if (!report.known().isEmpty()) {
            md.append("\nKnown duplicate pairs of the corpus:\n\n| first | second | cosine | 3-gram containment |\n"
                    + "|---|---|---|---|\n");
            for (DedupCalibrationReport.Pair pair : report.known()) {
                md.append(String.format(Locale.ROOT, "| %s | %s | %.3f | %.3f |%n", pair.first(), pair.second(),
                        pair.score(), pair.shingleContainment()));
            }
        }
        sweep(md, "Flagged (near_duplicate or duplicate): every variant against the distinct pairs",
                report.nearDuplicateSweep(), 0.80f, 0.97f);
        sweep(md, "Duplicate: copy variants (exact, noise, reordered, retitled) against rewritten variants and "
                + "distinct pairs", report.duplicateSweep(), 0.88f, 0.995f);
        DuplicateBands suggested = report.suggestedBands();
        md.append(String.format(Locale.ROOT, "%nSuggested bands: duplicate >= %.3f, near_duplicate >= %.3f, "
                + "related >= %.3f, copied text >= %.2f.%n", suggested.duplicate(), suggested.nearDuplicate(),
                suggested.related(), suggested.copiedText()));
        bands(md, "suggested", report, suggested);
        bands(md, "configured", report, configured);
        ThresholdSweep.Point near = DedupCalibrationReport.at(report.nearDuplicateSweep(), configured.nearDuplicate());
        ThresholdSweep.Point dup = DedupCalibrationReport.at(report.duplicateSweep(), configured.duplicate());
        md.append(String.format(Locale.ROOT, "%nConfigured bands by cosine alone: duplicate >= %.3f, near_duplicate >= %.3f, related "
                        + ">= %.3f; flagged precision %.3f, recall %.3f; duplicate precision %.3f, recall %.3f.%n",
                configured.duplicate(), configured.nearDuplicate(), configured.related(), near.precision(),
                near.recall(), dup.precision(), dup.recall()));
        return md.toString();
    }

    private static void row(StringBuilder md, String label, float[] scores, String first, float[] containment) {
        md.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f | %.3f | %s | %.3f | %.3f | %.3f | %.3f |%n",
                label, scores.length, ThresholdSweep.percentile(scores, 0), ThresholdSweep.percentile(scores, 5),
                ThresholdSweep.percentile(scores, 50), ThresholdSweep.percentile(scores, 100), first,
                ThresholdSweep.percentile(containment, 0), ThresholdSweep.percentile(containment, 5),
                ThresholdSweep.percentile(containment, 50), ThresholdSweep.percentile(containment, 100)));
    }

    /** What the bands, cosine and copied-text lift together, make of every kind of pair. */
    private static void bands(StringBuilder md, String name, DedupCalibrationReport report, DuplicateBands bands) {
        md.append(String.format(Locale.ROOT, "%nWith the %s bands (cosine %.3f / %.3f / %.3f, copied text %.2f):%n%n"
                + "| pairs | flagged (near_duplicate or duplicate) | duplicate |%n|---|---|---|%n", name,
                bands.duplicate(), bands.nearDuplicate(), bands.related(), bands.copiedText()));
        int all = 0;
        int allFlagged = 0;
        for (Variant.Kind kind : Variant.Kind.values()) {
            List<DedupCalibrationReport.Scored> scored = report.variants().getOrDefault(kind, List.of());
            if (scored.isEmpty()) {
                continue;
            }
            int[] counts = DedupCalibrationReport.flagged(scored, bands);
            all += scored.size();
            allFlagged += counts[0];
            md.append(String.format(Locale.ROOT, "| variant %s | %d/%d | %d/%d |%n", kind.name().toLowerCase(Locale.ROOT),
                    counts[0], scored.size(), counts[1], scored.size()));
        }
        List<DedupCalibrationReport.Pair> wrong = report.flaggedDistinct(bands);
        md.append(String.format(Locale.ROOT, "| distinct: nearest other paper | %d/%d | |%n", wrong.size(),
                report.distinct().size()));
        for (DedupCalibrationReport.Pair pair : report.known()) {
            md.append(String.format(Locale.ROOT, "| known: %s ~ %s | %s | |%n", pair.first(), pair.second(),
                    bands.of(pair.score(), pair.shingleContainment())));
        }
        double precision = allFlagged + wrong.size() == 0 ? 1.0 : allFlagged / (double) (allFlagged + wrong.size());
        md.append(String.format(Locale.ROOT, "%nFlagged: precision %.4f, recall %.4f (%d of %d variants).%n",
                precision, all == 0 ? 0.0 : allFlagged / (double) all, allFlagged, all));
    }

    private static void sweep(StringBuilder md, String title, List<ThresholdSweep.Point> points, float from, float to) {
        md.append("\n").append(title).append(":\n\n| threshold | precision | recall | F1 | false positives | "
                + "false negatives |\n|---|---|---|---|---|---|\n");
        ThresholdSweep.Point best = ThresholdSweep.best(points);
        for (ThresholdSweep.Point p : points) {
            boolean onGrid = Math.abs(p.threshold() * 100 - Math.round(p.threshold() * 100)) < 1e-3;
            if ((p.threshold() >= from - 1e-4 && p.threshold() <= to + 1e-4 && onGrid) || p == best) {
                md.append(String.format(Locale.ROOT, "| %.3f%s | %.3f | %.3f | %.3f | %d | %d |%n", p.threshold(),
                        p == best ? " (best F1)" : "", p.precision(), p.recall(), p.f1(), p.falsePositives(),
                        p.falseNegatives()));
            }
        }
    }
}
