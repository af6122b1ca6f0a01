package io.simdex.index;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A {@link VectorIndex} that scans every vector: exact results, with all vectors back to back in one
 * {@code float[]}.
 *
 * <p>Vector {@code i} (its ordinal, the insertion order) occupies {@code [i * dimension, (i + 1) * dimension)}
 * of the storage array, which doubles when full; there is no object per vector. Capacity is bounded by the
 * largest {@code float[]} a JVM can allocate: {@link #maxVectors(int)}.
 *
 * <p>Thread-safe: searches and reads run concurrently under a read lock; {@link #add} takes the write lock,
 * so it waits for running searches and briefly blocks new ones. Build the index first to avoid contention.
 */
public final class FlatIndex implements VectorIndex {

    /** The largest array length JVMs reliably allocate (some reserve header words in the array). */
    static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    private static final int INITIAL_CAPACITY = 16;

    private final int dimension;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Integer> ordinalsById = new HashMap<>();
    private float[] vectors = new float[0];
    private String[] ids = new String[0];
    private int size;

    /**
     * Creates an empty index for vectors of {@code dimension} components.
     *
     * @throws IllegalArgumentException if {@code dimension} is not in [1, {@code Integer.MAX_VALUE - 8}]
     */
    public FlatIndex(int dimension) {
        if (dimension < 1 || dimension > MAX_ARRAY_LENGTH) {
            throw new IllegalArgumentException(
                    "dimension must be in [1, " + MAX_ARRAY_LENGTH + "] but was " + dimension);
        }
        this.dimension = dimension;
    }

    /** The most vectors of {@code dimension} components that fit in one {@code float[]}. */
    public static int maxVectors(int dimension) {
        return MAX_ARRAY_LENGTH / dimension;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public int size() {
        lock.readLock().lock();
        try {
            return size;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public boolean contains(String id) {
        Objects.requireNonNull(id, "id");
        lock.readLock().lock();
        try {
            return ordinalsById.containsKey(id);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the index already holds {@link #maxVectors(int)} vectors
     */
    @Override
    public void add(String id, float[] vector) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(vector, "vector");
        if (id.isBlank()) {
            throw new IllegalArgumentException("id must not be blank but was '" + id + "'");
        }
        if (vector.length != dimension) {
            throw new IllegalArgumentException("vector for id '" + id + "' has dimension " + vector.length
                    + " but the index has dimension " + dimension);
        }
        float[] normalized = normalized(vector.clone(), "vector for id '" + id + "'");
        lock.writeLock().lock();
        try {
            if (ordinalsById.containsKey(id)) {
                throw new IllegalArgumentException("id '" + id + "' is already in the index");
            }
            if (size == ids.length) {
                grow();
            }
            System.arraycopy(normalized, 0, vectors, size * dimension, dimension);
            ids[size] = id;
            ordinalsById.put(id, size);
            size++;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public Optional<float[]> vector(String id) {
        Objects.requireNonNull(id, "id");
        lock.readLock().lock();
        try {
            Integer ordinal = ordinalsById.get(id);
            if (ordinal == null) {
                return Optional.empty();
            }
            int from = ordinal * dimension;
            return Optional.of(Arrays.copyOfRange(vectors, from, from + dimension));
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<Hit> search(SearchRequest request) {
        Objects.requireNonNull(request, "request");
        if (request.dimension() != dimension) {
            throw new IllegalArgumentException("query has dimension " + request.dimension()
                    + " but the index has dimension " + dimension);
        }
        float[] query = normalized(request.query(), "query"); // query() is already a copy
        float minScore = request.minScore();
        lock.readLock().lock();
        try {
            int[] excluded = excludedOrdinals(request.excludeIds());
            int eligible = size - excluded.length;
            if (eligible == 0) {
                return List.of();
            }
            TopK top = new TopK(Math.min(request.k(), eligible));
            int nextExcluded = 0;
            for (int ordinal = 0; ordinal < size; ordinal++) {
                if (nextExcluded < excluded.length && excluded[nextExcluded] == ordinal) {
                    nextExcluded++;
                    continue;
                }
                float score = VectorMath.dot(query, 0, vectors, ordinal * dimension, dimension);
                if (score >= minScore) {
                    top.offer(ordinal, score);
                }
            }
            int[] ordinals = new int[top.size()];
            float[] scores = new float[top.size()];
            int count = top.drain(ordinals, scores);
            Hit[] hits = new Hit[count];
            for (int i = 0; i < count; i++) {
                hits[i] = new Hit(ids[ordinals[i]], scores[i]);
            }
            return List.of(hits);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The next storage capacity, in vectors, when {@code capacity} vectors are full: double, capped at
     * {@link #maxVectors(int)}.
     *
     * @throws IllegalStateException if {@code capacity} is already the maximum
     */
    static int nextCapacity(int capacity, int dimension) {
        int max = maxVectors(dimension);
        if (capacity >= max) {
            throw new IllegalStateException("index is full: " + capacity + " vectors of dimension " + dimension
                    + " fill the largest float[] a JVM can allocate (" + MAX_ARRAY_LENGTH + " floats)");
        }
        long doubled = Math.max(INITIAL_CAPACITY, 2L * capacity);
        return (int) Math.min(doubled, max);
    }

    /** Caller holds the write lock. */
    private void grow() {
        int capacity = nextCapacity(ids.length, dimension);
        vectors = Arrays.copyOf(vectors, capacity * dimension);
        ids = Arrays.copyOf(ids, capacity);
    }

    /** Sorted, distinct ordinals of the excluded ids the index holds; caller holds the read lock. */
    private int[] excludedOrdinals(Set<String> excludeIds) {
        if (excludeIds.isEmpty()) {
            return new int[0];
        }
        int[] ordinals = new int[excludeIds.size()];
        int count = 0;
        for (String id : excludeIds) {
            Integer ordinal = ordinalsById.get(id);
            if (ordinal != null) {
                ordinals[count++] = ordinal;
            }
        }
        ordinals = Arrays.copyOf(ordinals, count);
        Arrays.sort(ordinals);
        return ordinals;
    }

    /** Normalizes {@code copy}, which the caller owns, naming {@code what} in the error. */
    private static float[] normalized(float[] copy, String what) {
        try {
            VectorMath.normalizeInPlace(copy);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
        }
        return copy;
    }
}
