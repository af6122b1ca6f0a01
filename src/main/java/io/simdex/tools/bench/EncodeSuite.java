package io.simdex.tools.bench;

import io.simdex.corpus.CorpusLoader;
import io.simdex.corpus.Paper;
import io.simdex.kernels.VectorMath;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Encoding speed: the first papers of the bundled corpus through every encoder configuration, plus
 * single-title latency, each compared with the compute limit of its precision on as many cores as it uses
 * (see {@link ComputeLimits}) and, as an extra, with OpenBLAS sgemm.
 */
final class EncodeSuite {

    /** Texts per warm-up call. */
    private static final int WARMUP_TEXTS = 16;

    private final BenchOptions options;
    private final PrintStream progress;
    private final List<String> notes = new ArrayList<>();

    EncodeSuite(BenchOptions options, PrintStream progress) {
        this.options = options;
        this.progress = progress;
    }

    /**
     * Measures simdex's encoder configurations, then every peer's.
     *
     * @param limits the measured compute ceilings
     * @param sgemmByThreads sgemm GFLOP/s per thread count; may lack entries
     */
    List<BenchResults.EncodeRow> run(List<EncoderCandidate> peerCandidates, ComputeLimits limits,
                                     Map<Integer, Double> sgemmByThreads) throws Exception {
        List<Paper> papers = CorpusLoader.load(CorpusLoader.BUNDLED).papers();
        List<String> texts = papers.subList(0, Math.min(options.papers(), papers.size())).stream()
                .map(Paper::embeddingText).toList();
        List<String> titles = papers.subList(0, Math.min(options.shortQueries(), papers.size())).stream()
                .map(Paper::title).toList();
        progress.printf("[bench] encode: %d papers per pass, %d titles as short queries%n", texts.size(), titles.size());
        int[] lengths = SimdexCandidates.tokenLengths(options.modelCache(), texts);

        var candidates = new ArrayList<>(SimdexCandidates.encoders(options.modelCache(), options.batchTokens()));
        candidates.addAll(peerCandidates);
        Map<String, List<float[]>> simdexVectors = new HashMap<>();
        var rows = new ArrayList<BenchResults.EncodeRow>();
        for (EncoderCandidate candidate : candidates) {
            if (candidate.system().equals(SimdexCandidates.SYSTEM)) {
                rows.add(measure(candidate, texts, titles, lengths, limits, sgemmByThreads, simdexVectors));
                continue;
            }
            try {
                rows.add(measure(candidate, texts, titles, lengths, limits, sgemmByThreads, simdexVectors));
            } catch (RuntimeException e) {
                // A broken peer library costs its rows, not the whole run.
                notes.add("failed: " + candidate.label() + ": " + e);
                progress.println("[bench] encode: " + candidate.label() + " failed: " + e);
            }
        }
        return rows;
    }

    /** Peer configurations that failed, one line each. */
    List<String> notes() {
        return List.copyOf(notes);
    }

    private BenchResults.EncodeRow measure(EncoderCandidate c, List<String> texts, List<String> titles, int[] lengths,
                                           ComputeLimits limits, Map<Integer, Double> sgemmByThreads,
                                           Map<String, List<float[]>> simdexVectors) throws Exception {
        progress.printf("[bench] encode: %s …%n", c.label());
        long loadStart = System.nanoTime();
        try (BenchEncoder encoder = c.opener().open()) {
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            // A slice of the papers warms the model up as well as a whole pass (ORT sizes its buffers on the
            // longest batch, so the slice has the longest texts) and costs far less.
            List<String> warmup = longestFirst(texts).subList(0, Math.min(WARMUP_TEXTS, texts.size()));
            for (int i = 0; i < options.warmup() && i < 2; i++) {
                encoder.encode(warmup);
            }
            List<List<float[]>> last = new ArrayList<>(List.of(List.of()));
            Stats pass = Sampler.time(
                    new Sampler.Budget(0, options.encodePasses(), options.maxTimePerConfig().multipliedBy(2)),
                    () -> last.set(0, encoder.encode(texts)));
            int[] next = {0};
            Stats query = Sampler.time(
                    new Sampler.Budget(Math.min(5, titles.size()), titles.size(), options.maxTimePerConfig()),
                    () -> encoder.encode(List.of(titles.get(next[0]++ % titles.size()))));

            long tokens = 0;
            double flops = 0;
            for (int length : lengths) {
                int read = Math.min(length, c.maxTokens());
                tokens += read;
                flops += MiniLmFlops.forText(read);
            }
            double seconds = pass.medianMs() / 1e3;
            double achieved = flops / seconds / 1e9;
            BenchResults.Ceiling ceiling = limits.limit(c.precision(), c.coresUsed()).orElse(null);
            Double sgemm = sgemmByThreads.get(c.coresUsed());
            String key = c.precision() + "/" + c.maxTokens();
            Double cosine = null;
            if (c.system().equals(SimdexCandidates.SYSTEM)) {
                simdexVectors.putIfAbsent(key, last.get(0));
            } else if (simdexVectors.containsKey(key)) {
                cosine = meanCosine(simdexVectors.get(key), last.get(0));
            }
            var row = new BenchResults.EncodeRow(c.system(), c.variant(), c.precision(), c.maxTokens(), c.threads(),
                    c.coresUsed(), texts.size(), tokens, flops / 1e9, pass, texts.size() / seconds, tokens / seconds,
                    achieved, ceiling == null ? null : achieved / ceiling.gflops(),
                    ceiling == null ? null : ceiling.gflops(), ceiling == null ? null : ComputeLimits.describe(ceiling),
                    sgemm == null ? null : achieved / sgemm, query, cosine, loadSeconds);
            progress.printf("[bench] encode: %s: %.1f abstracts/s, %.0f tokens/s, %.1f GFLOP/s%s, query %.2f ms%n",
                    c.label(), row.abstractsPerSecond(), row.tokensPerSecond(), achieved,
                    ceiling == null ? "" : " (" + ComputeLimits.percent(row.computeLimitFraction()) + " of "
                            + row.computeLimit() + ")", query.medianMs());
            return row;
        }
    }

    private static List<String> longestFirst(List<String> texts) {
        return texts.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** Mean cosine of two lists of unit vectors, pairwise. */
    static double meanCosine(List<float[]> a, List<float[]> b) {
        if (a.size() != b.size() || a.isEmpty()) {
            throw new IllegalArgumentException("cannot compare " + a.size() + " vectors with " + b.size());
        }
        double sum = 0;
        for (int i = 0; i < a.size(); i++) {
            sum += VectorMath.dot(a.get(i), b.get(i));
        }
        return sum / a.size();
    }
}
