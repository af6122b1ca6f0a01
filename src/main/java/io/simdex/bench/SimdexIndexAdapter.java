package io.simdex.bench;

import io.simdex.index.FlatIndex;
import io.simdex.index.Hit;
import io.simdex.index.SearchRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * The one place the bench touches {@link FlatIndex}'s construction and search API, so an index API change
 * is adjusted here only.
 *
 * <p>Today's index has one constructor ({@code FlatIndex(dimension)}): float32 storage, a query on the
 * calling thread, no batch call. The index rewrite brings
 * {@code new FlatIndex(dimension, new IndexOptions(threads, storage, oversample, spillDir))},
 * {@code searchBatch}, {@code stats()} and {@code VectorMath.implementation()}; then {@link #supports} says
 * yes to INT8 and to more threads, {@link #open} passes the options, {@link Searcher#searchBatch} calls
 * {@code searchBatch}, and {@link #vectorMath()} returns {@code VectorMath.implementation()}.
 */
final class SimdexIndexAdapter {

    /** How the index stores vectors; mirrors the coming {@code IndexOptions.Storage}. */
    enum Storage {
        FLOAT32(4),
        INT8(1);

        final int bytesPerComponent;

        Storage(int bytesPerComponent) {
            this.bytesPerComponent = bytesPerComponent;
        }
    }

    private SimdexIndexAdapter() {
    }

    /** Which kernels the index runs, for the machine facts. */
    static String vectorMath() {
        return "scalar Java (this index has no VectorMath.implementation() yet)";
    }

    /** Why this index cannot run a configuration, or {@code null} when it can. */
    static String unsupported(Storage storage, int threads) {
        if (storage != Storage.FLOAT32 || threads != 1) {
            return "simdex FlatIndex " + storage + " with " + threads + " thread(s) needs IndexOptions "
                    + "(the index rewrite); this build has float32 storage on the calling thread only";
        }
        return null;
    }

    /** Builds an index holding every vector of {@code vectors}, with ids {@code "0"}, {@code "1"}, … */
    static Searcher open(VectorSet vectors, Storage storage, int threads) {
        String reason = unsupported(storage, threads);
        if (reason != null) {
            throw new IllegalArgumentException(reason);
        }
        var index = new FlatIndex(vectors.dimension());
        for (int i = 0; i < vectors.count(); i++) {
            index.add(Integer.toString(i), vectors.vector(i));
        }
        return new Searcher(index, storage, vectors.dimension());
    }

    /** A built index as the bench sees it. */
    static final class Searcher implements BenchSearcher {

        private final FlatIndex index;
        private final Storage storage;
        private final int dimension;

        private Searcher(FlatIndex index, Storage storage, int dimension) {
            this.index = index;
            this.storage = storage;
            this.dimension = dimension;
        }

        @Override
        public int[] search(float[] query, int k) {
            return ordinals(index.search(SearchRequest.of(query, k)));
        }

        /** True: simdex rows report batch times (today a loop over {@link #search}; see the class comment). */
        @Override
        public boolean supportsBatch() {
            return true;
        }

        @Override
        public int[][] searchBatch(float[][] queries, int k) {
            List<SearchRequest> requests = new ArrayList<>(queries.length);
            for (float[] q : queries) {
                requests.add(SearchRequest.of(q, k));
            }
            int[][] out = new int[queries.length][];
            for (int i = 0; i < requests.size(); i++) {
                out[i] = ordinals(index.search(requests.get(i)));
            }
            return out;
        }

        @Override
        public long scannedBytesPerVector() {
            return (long) dimension * storage.bytesPerComponent;
        }

        @Override
        public void close() {
            // today's index holds only heap memory
        }

        private static int[] ordinals(List<Hit> hits) {
            int[] out = new int[hits.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = Integer.parseInt(hits.get(i).id());
            }
            return out;
        }
    }
}
