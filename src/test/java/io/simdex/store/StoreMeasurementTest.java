package io.simdex.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import io.simdex.corpus.Paper;
import io.simdex.corpus.Source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

/**
 * What the store costs at 100,000 papers with 384-d vectors: import speed, start-up reads, bytes per paper. Prints
 * figures and asserts only counts; off unless asked for:
 * {@code mvn test -Dtest=StoreMeasurementTest -Dsimdex.store.measure=true [-Dsimdex.store.measure.papers=N]}.
 */
@EnabledIfSystemProperty(named = "simdex.store.measure", matches = "true")
class StoreMeasurementTest {

    private static final String MODEL = "all-minilm-l6-v2@0123456789ab/max256/mean";
    private static final int DIMENSION = 384;
    private static final int BATCH = 1_000;
    private static final String[] WORDS = ("we propose a method for learning representations of scientific text"
            + " that improves retrieval across benchmarks while reducing the cost of training large models on"
            + " noisy data with contrastive objectives and careful sampling of hard negatives in the batch").split(" ");

    @TempDir
    Path dir;

    @Test
    void measure_import_start_up_and_size() {
        int papers = Integer.getInteger("simdex.store.measure.papers", 100_000);
        for (StoreOptions.Sync sync : StoreOptions.Sync.values()) {
            measure(papers, sync);
        }
    }

    private void measure(int papers, StoreOptions.Sync sync) {
        Path file = dir.resolve("measure-" + sync + ".db");
        var random = new Random(42);
        long storeNanos = 0;
        try (PaperStore store = PaperStore.open(new StoreOptions(file, sync))) {
            for (int start = 0; start < papers; start += BATCH) {
                List<PaperWrite> batch = batch(random, start, Math.min(BATCH, papers - start));
                long t = System.nanoTime();
                store.putAll(batch);
                storeNanos += System.nanoTime() - t;
            }
        }
        report(sync, "import", papers + " papers in batches of " + BATCH + ": " + ms(storeNanos) + " ms, "
                + String.format(Locale.ROOT, "%.0f papers/s", papers / (storeNanos / 1e9)));

        long t = System.nanoTime();
        try (PaperStore store = PaperStore.open(new StoreOptions(file, sync))) {
            report(sync, "open", "with quick_check: " + ms(System.nanoTime() - t) + " ms");

            var sum = new double[1];
            var count = new int[1];
            t = System.nanoTime();
            store.forEachEmbedding(MODEL, e -> {
                sum[0] += e.vector()[0];
                count[0]++;
            });
            report(sync, "start-up", "forEachEmbedding of " + count[0] + " papers: " + ms(System.nanoTime() - t)
                    + " ms");
            assertThat(count[0]).isEqualTo(papers);

            var chars = new long[1];
            t = System.nanoTime();
            store.forEach(p -> chars[0] += p.paper().abstractText().length());
            report(sync, "start-up", "forEach over every paper (JSON columns parsed): " + ms(System.nanoTime() - t)
                    + " ms");

            t = System.nanoTime();
            long missing = store.countMissingEmbeddings(MODEL);
            report(sync, "resume", "countMissingEmbeddings: " + ms(System.nanoTime() - t) + " ms (" + missing + ")");

            t = System.nanoTime();
            store.quickCheck();
            report(sync, "check", "quickCheck: " + ms(System.nanoTime() - t) + " ms");

            long size = size(file);
            report(sync, "size", size + " bytes, " + size / papers + " bytes per paper (vector alone: "
                    + DIMENSION * Float.BYTES + ")");

            t = System.nanoTime();
            Path snapshot = dir.resolve("snapshot-" + sync + ".db");
            store.snapshot(snapshot);
            report(sync, "snapshot", ms(System.nanoTime() - t) + " ms, " + size(snapshot) + " bytes");

            var again = new Random(42);
            long reimport = 0;
            for (int start = 0; start < papers; start += BATCH) {
                List<PaperWrite> batch = batch(again, start, Math.min(BATCH, papers - start));
                long s = System.nanoTime();
                store.putAll(batch);
                reimport += System.nanoTime() - s;
            }
            report(sync, "re-import", "the same papers (all unchanged): " + ms(reimport) + " ms, "
                    + String.format(Locale.ROOT, "%.0f papers/s", papers / (reimport / 1e9)));

            t = System.nanoTime();
            for (int i = 0; i < 1_000; i++) {
                store.get(String.format("p-%07d", again.nextInt(papers))).orElseThrow();
            }
            report(sync, "get", "1000 random gets: " + ms(System.nanoTime() - t) + " ms");

            Paper one = batch(again, 0, 1).get(0).paper();
            t = System.nanoTime();
            for (int i = 0; i < 200; i++) {
                var changed = new Paper(one.id(), one.title(), one.abstractText() + " v" + i, one.sources());
                store.put(changed, Optional.empty(), Optional.empty());
            }
            report(sync, "put", "200 single-paper puts, one transaction each: " + ms(System.nanoTime() - t) + " ms");
        }
    }

    private static List<PaperWrite> batch(Random random, int start, int size) {
        var writes = new ArrayList<PaperWrite>(size);
        for (int i = start; i < start + size; i++) {
            var metadata = new LinkedHashMap<String, Object>();
            metadata.put("year", 2000L + random.nextInt(25));
            metadata.put("authors", List.of("Author " + random.nextInt(1000), "Author " + random.nextInt(1000)));
            metadata.put("doi", "10.1000/" + i);
            var paper = new Paper(String.format("p-%07d", i), words(random, 10), words(random, 180),
                    List.of(new Source("corpus.jsonl", i + 1)), metadata);
            var vector = new float[DIMENSION];
            for (int d = 0; d < DIMENSION; d++) {
                vector[d] = (float) random.nextGaussian();
            }
            writes.add(PaperWrite.of(paper, StoredEmbedding.of(MODEL, paper.embeddingText(), vector, 240, 240)));
        }
        return writes;
    }

    private static String words(Random random, int count) {
        var text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.append('.').toString();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private static void report(StoreOptions.Sync sync, String what, String figure) {
        System.out.println("[store measurement] sync=" + sync.name().toLowerCase(Locale.ROOT) + " " + what + ": "
                + figure);
    }
}
