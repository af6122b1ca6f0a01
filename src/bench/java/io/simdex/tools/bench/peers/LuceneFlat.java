package io.simdex.tools.bench.peers;

import org.apache.lucene.search.HitQueue;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.util.VectorUtil;
import org.apache.lucene.util.Version;

import io.simdex.tools.bench.BenchSearcher;
import io.simdex.tools.bench.SearchCandidate;
import io.simdex.tools.bench.SearchPeer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * An exact scan as Lucene would write it: {@link VectorUtil#dotProduct(float[], float[])} over one
 * {@code float[]} per vector, best hits in a pre-filled {@link HitQueue} (as
 * {@code AbstractKnnVectorQuery.exactSearch} does). With more threads, each scans its share and the shares'
 * hits are merged.
 */
public final class LuceneFlat implements SearchPeer {

    private static final String PROVIDER_LOGGER = "org.apache.lucene.internal.vectorization.VectorizationProvider";

    @Override
    public String name() {
        return "Lucene VectorUtil";
    }

    private String vectorization = "";

    @Override
    public List<SearchCandidate> candidates(Context context) {
        vectorization = vectorization();
        var out = new ArrayList<SearchCandidate>();
        for (int t : context.threads()) {
            out.add(SearchCandidate.unlimited("Lucene " + Version.LATEST, "VectorUtil.dotProduct + HitQueue",
                    "FLOAT32", t, vectors -> new Searcher(vectors.toArrays(), vectors.dimension(), t)));
        }
        return out;
    }

    @Override
    public List<String> notes() {
        return List.of("Lucene " + Version.LATEST + " vector kernels: " + vectorization);
    }

    /** What Lucene logs when it picks its vector kernels: Panama (SIMD) or the scalar fallback, and why. */
    private static String vectorization() {
        Logger logger = Logger.getLogger(PROVIDER_LOGGER);
        var said = new StringBuilder();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                said.append(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try {
            VectorUtil.dotProduct(new float[] {1f}, new float[] {1f}); // initializes the provider, which logs
        } finally {
            logger.removeHandler(handler);
        }
        return said.length() == 0 ? "Lucene logged nothing about its choice" : "Lucene says \"" + said + "\"";
    }

    private static final class Searcher implements BenchSearcher {
        private final float[][] vectors;
        private final int dimension;
        private final int threads;
        private final ExecutorService pool;

        Searcher(float[][] vectors, int dimension, int threads) {
            this.vectors = vectors;
            this.dimension = dimension;
            this.threads = threads;
            this.pool = threads > 1 ? Executors.newFixedThreadPool(threads - 1) : null;
        }

        @Override
        public int[] search(float[] query, int k) {
            if (pool == null) {
                return best(scan(query, 0, vectors.length, k), k);
            }
            var parts = new ArrayList<Future<List<ScoreDoc>>>();
            for (int t = 1; t < threads; t++) {
                int from = (int) ((long) vectors.length * t / threads);
                int to = (int) ((long) vectors.length * (t + 1) / threads);
                parts.add(pool.submit(() -> scan(query, from, to, k)));
            }
            var all = new ArrayList<>(scan(query, 0, vectors.length / threads, k));
            try {
                for (Future<List<ScoreDoc>> part : parts) {
                    all.addAll(part.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while searching", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a search thread failed: " + e.getCause(), e.getCause());
            }
            return best(all, k);
        }

        /** The best {@code k} of {@code [from, to)}, in no particular order. */
        private List<ScoreDoc> scan(float[] query, int from, int to, int k) {
            var queue = new HitQueue(k, true);
            ScoreDoc top = queue.top();
            for (int i = from; i < to; i++) {
                float score = VectorUtil.dotProduct(query, vectors[i]);
                if (score > top.score) {
                    top.score = score;
                    top.doc = i;
                    top = queue.updateTop();
                }
            }
            var hits = new ArrayList<ScoreDoc>(k);
            for (ScoreDoc d : queue) {
                if (d.score != Float.NEGATIVE_INFINITY) {
                    hits.add(d);
                }
            }
            return hits;
        }

        private static int[] best(List<ScoreDoc> hits, int k) {
            return hits.stream()
                    .sorted(Comparator.comparingDouble((ScoreDoc d) -> d.score).reversed()
                            .thenComparingInt(d -> d.doc))
                    .limit(k).mapToInt(d -> d.doc).toArray();
        }

        @Override
        public long scannedBytesPerVector() {
            return 4L * dimension;
        }

        @Override
        public void close() {
            if (pool != null) {
                pool.shutdownNow();
            }
            Arrays.fill(vectors, null);
        }
    }
}
