package io.simdex.index;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a {@link FlatIndex} stores and scans its vectors: the index stage's options, validated on construction (each
 * message names the setting by its key within {@code index.*}).
 *
 * @param threads    threads that scan a large index together (the caller's plus {@code threads - 1} workers),
 *                   in [1, {@value #MAX_THREADS}]; small indexes are scanned by the caller alone
 * @param storage    how vectors are kept: {@link Storage#FLOAT32} or {@link Storage#INT8}
 * @param oversample for {@link Storage#INT8}: a search takes {@code k * oversample} candidates by approximate
 *                   score and returns the best {@code k} by exact score; in [1, {@value #MAX_OVERSAMPLE}]
 * @param spillDir   for {@link Storage#INT8}: the directory of the temporary file that holds the float
 *                   vectors (memory-mapped, deleted on close or exit); best on a disk, not tmpfs
 */
public record IndexOptions(int threads, Storage storage, int oversample, Path spillDir) {

    public static final int MAX_THREADS = 1024;
    public static final int MAX_OVERSAMPLE = 1000;

    /**
     * The default oversampling for {@link Storage#INT8}. With per-vector int8 scales the approximate ranking
     * is close to exact: on 20,000 clustered 384-d vectors (see {@code Int8RecallTest}), recall@10 against
     * exact search was 0.989 at 1 and 1.0 from 2 on, for queries from the clusters and for random ones. 4
     * leaves room for harder data at a negligible cost: 40 vectors rescored per query.
     */
    public static final int DEFAULT_OVERSAMPLE = 4;

    /** How an index keeps its vectors. */
    public enum Storage {
        /** Float vectors on the heap, scanned exactly. */
        FLOAT32,
        /**
         * Int8 codes on the heap (a quarter of the floats), scanned approximately; the floats live in a
         * memory-mapped temporary file and rescore the candidates, so returned scores are exact.
         */
        INT8;

        /**
         * The storage named by a setting value, case-insensitively.
         *
         * @throws IllegalArgumentException naming the accepted values
         */
        public static Storage parse(String value) {
            try {
                return valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("storage must be 'float32' or 'int8', got '" + value + "'", e);
            }
        }
    }

    public IndexOptions {
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads must be 1.." + MAX_THREADS + ", got " + threads);
        }
        Objects.requireNonNull(storage, "storage");
        if (oversample < 1 || oversample > MAX_OVERSAMPLE) {
            throw new IllegalArgumentException("oversample must be 1.." + MAX_OVERSAMPLE + ", got " + oversample);
        }
        Objects.requireNonNull(spillDir, "spill-dir");
    }

    /**
     * One thread per available processor, {@link Storage#FLOAT32}, {@link #DEFAULT_OVERSAMPLE}, and
     * {@code java.io.tmpdir} for spill files.
     */
    public static IndexOptions defaults() {
        return new IndexOptions(Runtime.getRuntime().availableProcessors(), Storage.FLOAT32, DEFAULT_OVERSAMPLE,
                Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** A copy with another {@code threads}; validated like the constructor. */
    public IndexOptions withThreads(int threads) {
        return new IndexOptions(threads, storage, oversample, spillDir);
    }

    /** A copy with another {@code storage}; validated like the constructor. */
    public IndexOptions withStorage(Storage storage) {
        return new IndexOptions(threads, storage, oversample, spillDir);
    }

    /** A copy with another {@code oversample}; validated like the constructor. */
    public IndexOptions withOversample(int oversample) {
        return new IndexOptions(threads, storage, oversample, spillDir);
    }

    /** A copy with another {@code spillDir}; validated like the constructor. */
    public IndexOptions withSpillDir(Path spillDir) {
        return new IndexOptions(threads, storage, oversample, spillDir);
    }
}
