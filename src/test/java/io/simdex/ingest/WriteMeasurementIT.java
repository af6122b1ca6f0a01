package io.simdex.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import io.simdex.TestModels;
import io.simdex.corpus.CorpusLoader;
import io.simdex.corpus.Paper;
import io.simdex.encode.EncoderOptions;
import io.simdex.encode.OnnxEncoder;
import io.simdex.encode.Pools;
import io.simdex.index.IndexOptions;
import io.simdex.store.PaperStore;
import io.simdex.store.StoreOptions;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the store adds to encoding, on the real model: importing the bundled papers next to encoding the same texts
 * alone, and a single write's latency with and without its encoding. Prints figures, asserts only counts; off
 * unless asked for:
 * {@code mvn verify -Dit.test=WriteMeasurementIT -Dsimdex.write.measure=true -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}.
 * all-MiniLM-L6-v2 fp32 with bulk work on 2 workers × 1 ONNX Runtime thread unless {@code -Dsimdex.write.int8=true},
 * {@code -Dsimdex.write.workers=W}, {@code -Dsimdex.write.threads=T} (queries then run on W × T threads) or
 * {@code -Dsimdex.write.batch-tokens=N} say otherwise.
 */
@EnabledIfSystemProperty(named = "simdex.write.measure", matches = "true")
class WriteMeasurementIT {

    /** What is measured, for the printed lines. */
    private static final String LAYOUT = (Boolean.getBoolean("simdex.write.int8") ? "int8" : "fp32") + ", "
            + Integer.getInteger("simdex.write.workers", 2) + " × " + Integer.getInteger("simdex.write.threads", 1)
            + ", batches of " + Integer.getInteger("simdex.write.batch-tokens", Pools.DEFAULT_BATCH_TOKENS) + " tokens";

    @TempDir
    Path dir;

    @Test
    void measure_import_overhead_and_write_latency() {
        List<Paper> papers = CorpusLoader.load(CorpusLoader.BUNDLED).papers();
        List<String> texts = papers.stream().map(Paper::embeddingText).toList();
        try (OnnxEncoder encoder = encoder()) {
            encoder.encode(texts.subList(0, 64)); // warm up
            for (int run = 1; run <= 2; run++) {
                long whole = System.nanoTime();
                encoder.encode(texts);
                double oneCall = texts.size() / ((System.nanoTime() - whole) / 1e9);
                long start = System.nanoTime();
                for (int from = 0; from < texts.size(); from += Importer.DEFAULT_BATCH) {
                    encoder.encode(texts.subList(from, Math.min(texts.size(), from + Importer.DEFAULT_BATCH)));
                }
                double raw = texts.size() / ((System.nanoTime() - start) / 1e9);
                Importer.Report report;
                try (PaperStore store = PaperStore.open(StoreOptions.defaults().withPath(dir.resolve("run" + run
                        + ".db")))) {
                    report = new Importer(store, encoder, Importer.DEFAULT_BATCH).run(papers, "bundled", Map.of(),
                            (results, vectors) -> {
                            });
                }
                assertThat(report.encoded()).isEqualTo(papers.size());
                double imported = papers.size() / report.seconds();
                System.out.printf("run %d, %s: encoder alone %.1f papers/s in one call, %.1f in calls of %d; import into"
                        + " the store %.1f papers/s (%.1f %% of the encoder's best)%n", run, LAYOUT, oneCall, raw,
                        Importer.DEFAULT_BATCH, imported, 100 * imported / Math.max(raw, oneCall));
            }
            try (PaperStore store = PaperStore.open(StoreOptions.defaults().withPath(dir.resolve("writes.db")));
                    var collection = LiveCollection.open(store, encoder, IndexOptions.defaults())) {
                collection.importPapers(papers, "bundled", Map.of());
                double[] encoded = new double[200];
                double[] stored = new double[200];
                for (int i = 0; i < encoded.length; i++) {
                    Paper fresh = new Paper("new-" + i, "A new paper " + i, "We study question " + i + " with a method"
                            + " of our own, and report what it finds on several public benchmarks.", List.of());
                    long start = System.nanoTime();
                    collection.put(fresh, Optional.empty());
                    encoded[i] = (System.nanoTime() - start) / 1e6;
                    // the same text under another id: its vector is in the store, so this is the write alone
                    Paper again = new Paper("again-" + i, fresh.title(), fresh.abstractText(), List.of());
                    start = System.nanoTime();
                    collection.put(again, Optional.empty());
                    stored[i] = (System.nanoTime() - start) / 1e6;
                }
                System.out.printf("PUT of a new short paper: p50 %.2f ms, p99 %.2f ms; the same without encoding (commit"
                        + " and both indexes): p50 %.2f ms, p99 %.2f ms, at %d papers%n", percentile(encoded, 50),
                        percentile(encoded, 99), percentile(stored, 50), percentile(stored, 99),
                        collection.indexed().corpus().size());
            }

        }
    }

    /** all-MiniLM-L6-v2 at 256 tokens in the precision and layout asked for. */
    private static OnnxEncoder encoder() {
        EncoderOptions base = Boolean.getBoolean("simdex.write.int8") ? TestModels.int8Spec() : TestModels.minilmSpec();
        int workers = Integer.getInteger("simdex.write.workers", 2);
        int threads = Integer.getInteger("simdex.write.threads", 1);
        return OnnxEncoder.load(base.withPools(new Pools(workers, threads, workers * threads,
                Integer.getInteger("simdex.write.batch-tokens", Pools.DEFAULT_BATCH_TOKENS))));
    }

    private static double percentile(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.ceil(p / 100.0 * sorted.length) - 1];
    }
}
