package io.simdex.tools.bench;

import io.simdex.index.FlatIndex;
import io.simdex.index.Hit;
import io.simdex.index.IndexOptions;
import io.simdex.index.ScoredPair;
import io.simdex.index.SearchRequest;
import io.simdex.kernels.VectorMath;

import java.util.ArrayList;
import java.util.List;

/**
 * The one place the bench touches {@link FlatIndex}'s construction and search API, so an index API change
 * is adjusted here only.
 */
final class SimdexIndexAdapter {

    private SimdexIndexAdapter() {
    }

    /** Which kernels the index runs, for the machine facts. */
    static String vectorMath() {
        return VectorMath.implementation();
    }

    /** Builds an index holding every vector of {@code vectors}, with ids {@code "0"}, {@code "1"}, … */
    static Searcher open(VectorSet vectors, IndexOptions.Storage storage, int threads) {
        return new Searcher(build(vectors, storage, threads), storage, vectors.dimension());
    }

    /** Builds a {@link IndexOptions.Storage#FLOAT32} index of {@code vectors} for the all-pairs scan. */
    static PairsIndex openForPairs(VectorSet vectors, int threads) {
        return new PairsIndex(build(vectors, IndexOptions.Storage.FLOAT32, threads));
    }

    private static FlatIndex build(VectorSet vectors, IndexOptions.Storage storage, int threads) {
        var index = new FlatIndex(vectors.dimension(),
                IndexOptions.defaults().withThreads(threads).withStorage(storage));
        for (int i = 0; i < vectors.count(); i++) {
            index.add(Integer.toString(i), vectors.vector(i));
        }
        return index;
    }

    /** A built index as the all-pairs suite sees it. */
    static final class PairsIndex implements AutoCloseable {

        private final FlatIndex index;

        private PairsIndex(FlatIndex index) {
            this.index = index;
        }

        /** {@link FlatIndex#pairsAtOrAbove}; the list is returned so the caller can hold it while measuring. */
        List<ScoredPair> pairsAtOrAbove(float minScore, int maxPairs) {
            return index.pairsAtOrAbove(minScore, maxPairs);
        }

        /** Heap bytes of the stored vectors. */
        long heapBytes() {
            return index.stats().heapBytes();
        }

        @Override
        public void close() {
            index.close();
        }
    }

    /** A built index as the bench sees it. */
    static final class Searcher implements BenchSearcher {

        private final FlatIndex index;
        private final IndexOptions.Storage storage;
        private final int dimension;

        private Searcher(FlatIndex index, IndexOptions.Storage storage, int dimension) {
            this.index = index;
            this.storage = storage;
            this.dimension = dimension;
        }

        @Override
        public int[] search(float[] query, int k) {
            return ordinals(index.search(SearchRequest.of(query, k)));
        }

        /** True: {@link FlatIndex#searchBatch} scans once for the whole batch. */
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
            List<List<Hit>> results = index.searchBatch(requests);
            int[][] out = new int[queries.length][];
            for (int i = 0; i < out.length; i++) {
                out[i] = ordinals(results.get(i));
            }
            return out;
        }

        @Override
        public long scannedBytesPerVector() {
            return (long) dimension * (storage == IndexOptions.Storage.INT8 ? Byte.BYTES : Float.BYTES);
        }

        @Override
        public void close() {
            index.close();
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
