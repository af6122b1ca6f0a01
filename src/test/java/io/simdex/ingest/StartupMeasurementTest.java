package io.simdex.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import io.simdex.corpus.Paper;
import io.simdex.encode.Embedding;
import io.simdex.encode.Encoder;
import io.simdex.index.IndexOptions;
import io.simdex.store.PaperStore;
import io.simdex.store.PaperWrite;
import io.simdex.store.StoreOptions;
import io.simdex.store.StoredEmbedding;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * How long a start takes from a store of N papers with 384-d vectors (no encoding: every vector is stored): the
 * store's check and reads, the vector index and the BM25 index. Prints figures and asserts only counts; off
 * unless asked for:
 * {@code mvn test -Dtest=StartupMeasurementTest -Dsimdex.startup.measure=true [-Dsimdex.startup.papers=N]}.
 */
@EnabledIfSystemProperty(named = "simdex.startup.measure", matches = "true")
class StartupMeasurementTest {

    private static final String MODEL = "synthetic-384";
    private static final int DIMENSION = 384;
    private static final String[] WORDS = ("we propose a method for learning representations of scientific text"
            + " that improves retrieval across benchmarks while reducing the cost of training large models on"
            + " noisy data with contrastive objectives and careful sampling of hard negatives in the batch protein"
            + " graph speech vision language reinforcement agent planning").split(" ");

    @TempDir
    Path dir;

    @Test
    void measure_start_up_from_the_store() throws Exception {
        measure(Integer.getInteger("simdex.startup.papers", 100_000), dir);
    }

    /**
     * For sizes that need more heap than the test JVM has, and for cold starts: {@code java -Xmx12g -cp <test
     * classpath> io.simdex.ingest.StartupMeasurementTest 1000000 /a/folder/with/room}; run it again on the same
     * folder to start a fresh JVM from the store (and BM25 index) the first run left.
     */
    public static void main(String[] args) throws Exception {
        measure(Integer.parseInt(args[0]), Path.of(args[1]));
    }

    private static void measure(int papers, Path dir) throws Exception {
        Path file = dir.resolve("startup.db");
        var random = new Random(7);
        long fill = System.nanoTime();
        boolean filled = Files.exists(file); // a second process measures a cold start from a kept store
        try (PaperStore store = PaperStore.open(new StoreOptions(file, StoreOptions.Sync.NORMAL))) {
            for (int from = 0; !filled && from < papers; from += 2_000) {
                var batch = new ArrayList<PaperWrite>();
                for (int i = from; i < Math.min(papers, from + 2_000); i++) {
                    Paper paper = new Paper("p" + i, "Paper " + i, words(random, 150), List.of());
                    batch.add(PaperWrite.of(paper, StoredEmbedding.of(MODEL, paper.embeddingText(),
                            vector(random), 300, 256)));
                }
                store.putAll(batch);
            }
        }
        double fillSeconds = (System.nanoTime() - fill) / 1e9;
        for (int run = 1; run <= 3; run++) {
            System.gc();
            long start = System.nanoTime();
            long[] phases = new long[2];
            try (PaperStore store = PaperStore.open(StoreOptions.defaults().withPath(file))) {
                phases[0] = System.nanoTime();
                try (var collection = LiveCollection.open(store, new StoredOnly(), IndexOptions.defaults())) {
                    phases[1] = System.nanoTime();
                    assertThat(collection.indexed().index().size()).isEqualTo(papers);
                }
            }
            System.out.printf("start-up %d papers, run %d: %.2f s (open and quick_check %.2f s, load and index"
                    + " %.2f s); heap used %d MiB; file %d bytes per paper; filled in %.1f s%n", papers, run,
                    (phases[1] - start) / 1e9, (phases[0] - start) / 1e9, (phases[1] - phases[0]) / 1e9,
                    (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20,
                    Files.size(file) / papers, fillSeconds);
        }
    }

    private static String words(Random random, int n) {
        var text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            text.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.append('.').toString();
    }

    private static float[] vector(Random random) {
        float[] v = new float[DIMENSION];
        for (int d = 0; d < DIMENSION; d++) {
            v[d] = (float) random.nextGaussian();
        }
        return v;
    }

    /** An encoder whose vectors are all in the store already: start-up must never call it. */
    private static final class StoredOnly implements Encoder {
        @Override
        public String modelId() {
            return MODEL;
        }

        @Override
        public String modelName() {
            return "synthetic";
        }

        @Override
        public int dimension() {
            return DIMENSION;
        }

        @Override
        public int maxTokens() {
            return 256;
        }

        @Override
        public List<Embedding> encode(List<String> texts) {
            throw new AssertionError("start-up encoded " + texts.size() + " texts");
        }

        @Override
        public void close() {
        }
    }
}
