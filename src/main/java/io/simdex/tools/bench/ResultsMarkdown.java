package io.simdex.tools.bench;

import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The results as Markdown tables: what {@code results.md} holds and what the command prints. */
final class ResultsMarkdown {

    private ResultsMarkdown() {
    }

    static String render(BenchResults r) {
        var md = new StringBuilder();
        MachineInfo m = r.machine();
        md.append("# simdex bench: ").append(r.label()).append("\n\n");
        md.append("| machine | |\n|---|---|\n")
                .append(row("CPU", m.cpuModel() + " (" + String.join(", ", m.cpuFlags()) + ")"))
                .append(row("cores", m.cores() + ", " + num(m.memoryGiB()) + " GiB memory"))
                .append(row("JVM", m.jvm() + ", max heap " + m.maxHeapMiB() + " MiB, jdk.incubator.vector "
                        + (m.vectorModule() ? "added" : "not added")))
                .append(row("simdex VectorMath", m.vectorMath()))
                .append(row("model.precision auto", m.autoPrecision()))
                .append(row("OS", m.os()))
                .append(row("date", m.date()))
                .append("\n");

        var suites = r.options().suites();
        if (suites.contains(BenchOptions.Suite.ENCODE) || suites.contains(BenchOptions.Suite.SEARCH)) {
            ceilings(r, md);
        }

        if (!r.encode().isEmpty()) {
            var first = r.encode().get(0);
            md.append("## Encoding\n\n").append(first.texts()).append(" bundled papers per pass (title + abstract); "
                    + "short query = one paper title. Medians; p90 in parentheses.\n\n");
            md.append("Compute limit: the highest measured ceiling of the row's precision on as many cores (see "
                    + "Ceilings); OpenBLAS sgemm is an extra reference, not a limit.\n\n");
            md.append("| system | variant | precision | max tokens | threads | abstracts/s | tokens/s | GFLOP/s "
                    + "| of compute limit | compute limit | of OpenBLAS sgemm | short query ms | cos vs simdex |\n")
                    .append("|---|---|---|---:|---|---:|---:|---:|---:|---|---:|---:|---:|\n");
            for (var e : r.encode()) {
                md.append(String.format(Locale.ROOT,
                        "| %s | %s | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s (%s) | %s |%n",
                        e.system(), e.variant(), e.precision(), e.maxTokens(), e.threads(), num(e.abstractsPerSecond()),
                        num(e.tokensPerSecond()), num(e.achievedGflops()),
                        ComputeLimits.percent(e.computeLimitFraction()),
                        e.computeLimit() == null ? "—" : e.computeLimit() + ": " + num(e.computeLimitGflops()),
                        e.sgemmFraction() == null ? "—" : String.format(Locale.ROOT, "%.0f %%", 100 * e.sgemmFraction()),
                        num(e.shortQuery().medianMs()), num(e.shortQuery().p90Ms()),
                        e.cosineToSimdex() == null ? "—" : String.format(Locale.ROOT, "%.5f", e.cosineToSimdex())));
            }
            md.append('\n');
        }

        if (!r.search().isEmpty()) {
            md.append("## Search\n\nExact top-").append(BenchOptions.TOP_K).append(", ").append(BenchOptions.DIMENSION)
                    .append("-d unit vectors. `single`: one query per call; `batch`: ").append(r.options().batch())
                    .append(" queries per call, time per query. × bound = ms per query ÷ max(memory floor, compute "
                            + "floor).\n\n");
            var bySize = new TreeMap<Integer, List<BenchResults.SearchRow>>(r.search().stream()
                    .collect(Collectors.groupingBy(BenchResults.SearchRow::n)));
            for (var entry : bySize.entrySet()) {
                md.append(String.format(Locale.ROOT, "### n = %,d%n%n", entry.getKey()));
                md.append("| system | variant | storage | threads | mode | ms/query (p90) | queries/s | memory floor ms "
                        + "| compute floor ms | × bound | recall@10 | build s |\n")
                        .append("|---|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
                for (var s : entry.getValue()) {
                    md.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %s | %s (%s) | %s | %s | %s | %s | %s | %s |%n",
                            s.system(), s.variant(), s.storage(), s.threads(), s.mode(), num(s.perQuery().medianMs()),
                            num(s.perQuery().p90Ms()), num(s.queriesPerSecond()), opt(s.memoryFloorMs()),
                            opt(s.computeFloorMs()), s.boundRatio() == null ? "—" : num(s.boundRatio()) + "×",
                            s.recallAt10() == null ? "—" : String.format(Locale.ROOT, "%.2f", s.recallAt10()),
                            opt(s.buildSeconds())));
                }
                md.append('\n');
            }
        }

        if (!r.pairs().isEmpty()) {
            allPairs(r.pairs(), md);
        }

        if (!r.http().isEmpty()) {
            http(r, md);
        }

        if (!r.elasticsearch().isEmpty()) {
            elasticsearch(r.elasticsearch(), md);
        }

        if (!r.notes().isEmpty()) {
            md.append("## Notes\n\n");
            r.notes().forEach(n -> md.append("- ").append(n).append('\n'));
            md.append('\n');
        }
        md.append("## Formulas\n\n");
        new TreeMap<>(r.formulas()).forEach((k, v) -> md.append("- **").append(k).append("**: ").append(v).append('\n'));
        return md.toString();
    }

    /** The all-pairs table: simdex's scan and, where measured, FAISS range search at the same size and threads. */
    private static void allPairs(List<BenchResults.PairsRow> rows, StringBuilder md) {
        var first = rows.get(0);
        md.append("## All pairs\n\nExact `FlatIndex.pairsAtOrAbove(").append(first.minScore()).append(")` over ")
                .append(first.dimension()).append("-d unit vectors, ")
                .append(String.format(Locale.ROOT, "%.0f %%", 100 * first.nearCopyFraction()))
                .append(" of them near copies (cosine 0.91 to 0.995) of earlier ones; ").append(first.storage())
                .append(" storage. Heap before / after: in use after a full GC, index built, before the first "
                        + "scan and after the last (its pairs held). Peak: sampled during the scans, garbage "
                        + "included. An n × n float matrix is shown for scale.\n\n");
        rows.stream().filter(p -> !p.system().equals(SimdexCandidates.SYSTEM)).findFirst().ifPresent(peer -> md
                .append(peer.system()).append(" rows: ").append(peer.variant()).append(", with all n vectors as "
                        + "queries, the pairs i < j counted, timed together. It scores all n² pairs (simdex the "
                        + "n(n−1)/2 with i < j) and keeps scores above the threshold. Its vectors are its own, made "
                        + "the same way, so its pair counts are close to simdex's, not equal. Its memory is the "
                        + "Python process's resident set (interpreter and libraries included), not a heap: RSS "
                        + "before the scans, and the peak during them. Sizes from ")
                .append(String.format(Locale.ROOT, "%,d", PairsSuite.PEER_SINGLE_RUN_FROM))
                .append(" get one timed run.\n\n"));
        md.append("| system | n | threads | median s (p90) | runs | pairs | index MiB | heap before MiB "
                + "| heap after MiB | peak heap MiB | RSS before MiB | peak RSS MiB | n × n floats MiB |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (var p : rows) {
            md.append(String.format(Locale.ROOT,
                    "| %s | %,d | %d | %s (%s) | %d | %,d | %s | %s | %s | %s | %s | %s | %s |%n", p.system(), p.n(),
                    p.threads(), num(p.medianSeconds()), num(p.scan().p90Ms() / 1e3), p.scan().samples(), p.pairs(),
                    opt(p.indexHeapMiB()), opt(p.heapBeforeMiB()), opt(p.heapAfterMiB()), opt(p.peakHeapMiB()),
                    opt(p.rssBeforeMiB()), opt(p.peakRssMiB()), num(p.fullMatrixMiB())));
        }
        md.append('\n');
    }

    /** The HTTP load runs, each next to the peer row it is compared with. */
    private static void http(BenchResults r, StringBuilder md) {
        LoadOptions load = r.options().load();
        md.append("## HTTP under load\n\nClosed loop on loopback, clients and server in one JVM; ")
                .append(num(load.warmupSeconds())).append(" s warm-up, then ")
                .append(num(load.measuredSeconds())).append(" s measured per run. A client sends its next "
                        + "request as soon as an answer arrives, also after a 429. Latencies of the 200s; "
                        + "× peer: ok/s and p99 over the row named.\n\n");
        md.append("| scenario | target | clients | ok/s | p50 ms | p99 ms | 429s (share) | other | 429 p99 ms "
                + "| compared with | ok/s × peer | p99 × peer |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|\n");
        for (var h : r.http()) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %,d (%.1f %%) | %,d | %s | %s | %s | %s |%n",
                    h.scenario(), h.target().replace("|", "\\|"), h.clients(), num(h.okPerSecond()),
                    h.okLatency() == null ? "—" : num(h.okLatency().p50Ms()),
                    h.okLatency() == null ? "—" : num(h.okLatency().p99Ms()), h.refused(), 100 * h.refusedShare(),
                    h.other(), h.refusedLatency() == null ? "—" : num(h.refusedLatency().p99Ms()),
                    h.comparedTo() == null ? "—" : h.comparedTo(), ratio(h.throughputRatio()), ratio(h.p99Ratio())));
        }
        md.append('\n');
    }

    /** The Elasticsearch suite: imports and loads next to SQLite, searches next to the exact FlatIndex. */
    private static void elasticsearch(List<BenchResults.ElasticRow> rows, StringBuilder md) {
        md.append("## Elasticsearch\n\nImport: the bundled papers repeated (each copy its own id and text) with "
                + "synthetic vectors, until searchable. Load: synthetic ").append(BenchOptions.DIMENSION)
                .append("-d unit vectors. Search: single top-").append(BenchOptions.TOP_K)
                .append(" kNN queries one after another, latency as the caller sees it; recall@10 against the exact "
                        + "FLOAT32 FlatIndex on the same vectors and queries.\n\n");
        md.append("| measure | system | variant | n | s | per s | p50 ms | p99 ms | recall@10 |\n")
                .append("|---|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (var e : rows) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %,d | %s | %s | %s | %s | %s |%n", e.measure(),
                    e.system(), e.variant(), e.n(), opt(e.seconds()), opt(e.perSecond()),
                    e.latency() == null ? "—" : num(e.latency().p50Ms()),
                    e.latency() == null ? "—" : num(e.latency().p99Ms()),
                    e.recallAt10() == null ? "—" : String.format(Locale.ROOT, "%.3f", e.recallAt10())));
        }
        md.append('\n');
    }

    private static String ratio(Double v) {
        return v == null ? "—" : String.format(Locale.ROOT, "%.2f×", v);
    }

    /** The machine's compute and memory ceilings the search and encode rows are compared with. */
    private static void ceilings(BenchResults r, StringBuilder md) {
        md.append("## Ceilings\n\n");
        if (!r.ceilings().isEmpty()) {
            md.append("CPU flags: ").append(String.join(", ", r.machine().cpuFlags())).append(". GFLOP/s for fp32, "
                    + "GOP/s (integer multiply-adds × 2) for int8.\n\n");
            md.append("| probe | precision | threads | layout | GFLOP/s or GOP/s | fastest ms per run (median) | what ran |\n")
                    .append("|---|---|---:|---|---:|---:|---|\n");
            for (var c : r.ceilings()) {
                md.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s (%s) | %s |%n", c.probe(),
                        c.precision(), c.threads(), c.layout(), num(c.gflops()), num(c.run().minMs()),
                        num(c.run().medianMs()), c.detail()));
            }
            md.append('\n');
        }
        if (r.sgemm().isEmpty()) {
            md.append("OpenBLAS sgemm (extra reference, not a limit): not measured (see notes).\n\n");
        } else {
            md.append("OpenBLAS sgemm, an extra reference, not a limit:\n\n");
            md.append("| threads | sgemm GFLOP/s | n | BLAS |\n|---:|---:|---:|---|\n");
            for (var s : r.sgemm()) {
                md.append(String.format(Locale.ROOT, "| %d | %s | %d | %s |%n", s.threads(), num(s.gflops()), s.n(),
                        s.blas()));
            }
            md.append('\n');
        }
        if (!r.memory().isEmpty()) {
            md.append("| n | threads | bytes | streaming read GB/s | ms per pass (p90) | probe |\n")
                    .append("|---:|---:|---:|---:|---:|---|\n");
            for (var b : r.memory()) {
                md.append(String.format(Locale.ROOT, "| %,d | %d | %,d | %s | %s (%s) | %s |%n", b.n(), b.threads(),
                        b.bytes(), num(b.gbPerSecond()), num(b.pass().medianMs()), num(b.pass().p90Ms()), b.kernel()));
            }
            md.append('\n');
        }
    }

    /** Three significant digits, no exponent, thousands grouped. */
    static String num(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return String.valueOf(v);
        }
        double abs = Math.abs(v);
        if (abs >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        int decimals = Math.min(6, 2 - (int) Math.floor(Math.log10(abs)));
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** {@link #num} or a dash for a value not measured. */
    static String opt(Double v) {
        return v == null ? "—" : num(v);
    }

    private static String row(String key, String value) {
        return "| " + key + " | " + value.replace("|", "\\|") + " |\n";
    }
}
