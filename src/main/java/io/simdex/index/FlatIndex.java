package io.simdex.index;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.simdex.index.IndexOptions.Storage;
import io.simdex.kernels.VectorMath;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.IntPredicate;
import java.util.function.Predicate;

/**
 * A {@link VectorIndex} that scans every vector: exact top-k, vectors in fixed-size segments packed for the
 * SIMD kernels, no object per vector.
 *
 * <p>{@link IndexOptions} choose the storage and the threads:
 * <ul>
 *   <li>{@link Storage#FLOAT32} keeps the floats on the heap, in segments of up to 4096 vectors
 *       ({@link SegmentLayout}); only the last segment is partly filled, so storage stays within one segment
 *       of {@code n * dimension * 4} bytes for {@code n} stored vectors (removed ones awaiting compaction
 *       included).</li>
 *   <li>{@link Storage#INT8} keeps int8 codes on the heap and the floats in a memory-mapped temporary file. A
 *       search scans the codes for {@code k * oversample} candidates, then rescores them exactly, so scores
 *       are exact (bit-identical to {@code FLOAT32}); a true top-k vector is missed only if quantization
 *       pushes it out of the candidates, which at the default oversampling is rare (recall@10 of 1.0 on
 *       clustered 384-d data). A {@link SearchRequest#maxScore()} is exact too: a vector whose approximate score
 *       is within the quantization error of the ceiling is rescored during the scan, so vectors above the
 *       ceiling never take candidate places. The heap holds a quarter of the floats' size; decoding int8 costs
 *       about what streaming floats from memory does, so a scan is no slower, and it gains more from
 *       threads.</li>
 *   <li>From {@value #DEFAULT_PARALLEL_THRESHOLD} vectors on, a search splits the ordinals into ranges, one per
 *       thread, each with its own heap; the heaps merge into exactly the single-thread result, ties included.
 *       Workers belong to the index: {@link #close()} stops them.</li>
 *   <li>{@link #searchBatch} scores a block of vectors against a group of queries while the block is in
 *       cache: arithmetic-bound rather than memory-bound, about three times faster per query than separate
 *       searches.</li>
 *   <li>{@link #pairsAtOrAbove} runs the same batch kernel with the stored vectors as queries, each pair
 *       once.</li>
 * </ul>
 *
 * <p>Removal and replacement leave tombstones: {@link #remove} marks the vector's ordinal as removed, and
 * {@link #put} appends the new vector and marks the old one's ordinal. Scans skip removed ordinals where a
 * score would enter the heap, as they skip excluded ones, so results stay exact, and a replaced vector ranks
 * in ties as inserted at its put (its new ordinal is the highest). Removed vectors still take storage and scan
 * time until a compaction copies the live ones into new storage, in order; it runs inside the write that
 * makes removed vectors at least {@value #DEFAULT_COMPACTION_FLOOR} and more than a quarter of those stored
 * (see {@link #remove} for its cost). {@link #stats()} reports how many await it.
 *
 * <p>A request's {@link SearchRequest#filter() filter} is asked, with the ordinal's id, only about vectors
 * whose score would enter the heap, after every other check: a filter that accepts most ids is asked about
 * few, one that accepts few about more, up to every vector. The scan is otherwise the same, and the results
 * are the exact top-k among the ids it accepts.
 *
 * <p>Thread-safe: searches and reads run concurrently under a read lock; {@link #add}, {@link #put} and
 * {@link #remove} (and the compactions they trigger) take the write lock, so each waits for running searches
 * and briefly blocks new ones, and no read sees a write half done. Bulk-load with {@link #addAll} first to
 * avoid contention.
 */
public final class FlatIndex implements VectorIndex {

    /** The largest dimension: a segment of 16 vectors must fit in one array. */
    public static final int MAX_DIMENSION = SegmentLayout.MAX_DIMENSION;

    /**
     * The most vectors an index stores, counting removed ones that await compaction: ordinals are ints, and
     * ids live in one array.
     */
    public static final int MAX_SIZE = Integer.MAX_VALUE - 8;

    /**
     * Below this much work (vectors, times queries for a batch) the calling thread scans alone: handing out
     * ranges costs more than it saves.
     */
    static final int DEFAULT_PARALLEL_THRESHOLD = 32_768;

    /**
     * The fewest removed vectors that trigger a compaction (once they are also more than a quarter of those
     * stored): one full segment. Fewer cost a scan less than one segment's worth of work, not worth a rebuild.
     */
    static final int DEFAULT_COMPACTION_FLOOR = SegmentLayout.MAX_VECTORS_PER_SEGMENT;

    private static final int INITIAL_CAPACITY = 16;

    private static final Logger LOG = LoggerFactory.getLogger(FlatIndex.class);

    private final int dimension;
    private final IndexOptions options;
    private final int parallelThreshold;
    private final int compactionFloor;
    private final ScanPool pool;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    /** The live vectors: removing an id drops it here at once. */
    private final Map<String, Integer> ordinalsById = new HashMap<>();
    /** Ordinals whose vectors were removed or replaced; their storage is reclaimed by {@link #compact()}. */
    private final BitSet removed = new BitSet();
    private VectorStore store;
    /** The id of every stored ordinal; null for removed ones. */
    private String[] ids = new String[0];
    /** Ordinals in the store, live and removed: the range every scan covers. */
    private int stored;
    private int removedCount;
    /** After a failed compaction, the removed count to reach before trying again; 0 otherwise. */
    private int retryCompactionAt;
    private int compactions;
    private boolean closed;

    /**
     * Creates an empty index for vectors of {@code dimension} components with {@link IndexOptions#defaults()}.
     *
     * @throws IllegalArgumentException if {@code dimension} is not in [1, {@link #MAX_DIMENSION}]
     */
    public FlatIndex(int dimension) {
        this(dimension, IndexOptions.defaults());
    }

    /**
     * Creates an empty index for vectors of {@code dimension} components.
     *
     * @throws IllegalArgumentException if {@code dimension} is not in [1, {@link #MAX_DIMENSION}], or for
     *                                  {@link Storage#INT8} one vector would exceed 1 GiB
     * @throws UncheckedIOException     if the {@link Storage#INT8} spill file cannot be created in
     *                                  {@link IndexOptions#spillDir()}
     */
    public FlatIndex(int dimension, IndexOptions options) {
        this(dimension, options, DEFAULT_PARALLEL_THRESHOLD);
    }

    /** Tests lower {@code parallelThreshold} to run the parallel scan on small data. */
    FlatIndex(int dimension, IndexOptions options, int parallelThreshold) {
        this(dimension, options, parallelThreshold, DEFAULT_COMPACTION_FLOOR);
    }

    /** Tests also lower {@code compactionFloor} to compact small indexes. */
    FlatIndex(int dimension, IndexOptions options, int parallelThreshold, int compactionFloor) {
        if (dimension < 1 || dimension > MAX_DIMENSION) {
            throw new IllegalArgumentException(
                    "dimension must be in [1, " + MAX_DIMENSION + "] but was " + dimension);
        }
        Objects.requireNonNull(options, "options");
        if (parallelThreshold < 1) {
            throw new IllegalArgumentException("parallelThreshold must be >= 1 but was " + parallelThreshold);
        }
        if (compactionFloor < 1) {
            throw new IllegalArgumentException("compactionFloor must be >= 1 but was " + compactionFloor);
        }
        this.dimension = dimension;
        this.options = options;
        this.parallelThreshold = parallelThreshold;
        this.compactionFloor = compactionFloor;
        this.store = newStore();
        this.pool = new ScanPool(options.threads());
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public int size() {
        lock.readLock().lock();
        try {
            return ordinalsById.size();
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
     * @throws IllegalStateException if the index stores {@link #MAX_SIZE} vectors or is closed
     * @throws UncheckedIOException  if the {@link Storage#INT8} spill file cannot grow
     */
    @Override
    public void add(String id, float[] vector) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(vector, "vector");
        float[] unit = checkedUnit(id, vector);
        lock.writeLock().lock();
        try {
            ensureOpen();
            if (ordinalsById.containsKey(id)) {
                throw new IllegalArgumentException("id '" + id + "' is already in the index");
            }
            ensureRoomFor(1);
            append(id, unit);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Adds vectors under new ids, all or none: {@code vectors[i]} under {@code ids.get(i)}, in that order, under
     * one write lock. Checks everything before adding anything.
     *
     * @throws IllegalArgumentException if the counts differ, an id is blank, repeated or already present, or a
     *                                  vector has the wrong dimension, a NaN or infinite component, or is all
     *                                  zeros
     * @throws IllegalStateException    if the vectors would not fit ({@link #MAX_SIZE}) or the index is closed
     * @throws UncheckedIOException     if the {@link Storage#INT8} spill file cannot grow
     */
    public void addAll(List<String> ids, float[][] vectors) {
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(vectors, "vectors");
        if (ids.size() != vectors.length) {
            throw new IllegalArgumentException(
                    "got " + ids.size() + " ids but " + vectors.length + " vectors; they must pair up");
        }
        float[][] units = new float[vectors.length][];
        Set<String> batch = new HashSet<>();
        for (int i = 0; i < units.length; i++) {
            String id = Objects.requireNonNull(ids.get(i), "ids[" + i + "]");
            units[i] = checkedUnit(id, Objects.requireNonNull(vectors[i], "vectors[" + i + "]"));
            if (!batch.add(id)) {
                throw new IllegalArgumentException("id '" + id + "' appears more than once in the batch");
            }
        }
        lock.writeLock().lock();
        try {
            ensureOpen();
            for (String id : ids) {
                if (ordinalsById.containsKey(id)) {
                    throw new IllegalArgumentException("id '" + id + "' is already in the index");
                }
            }
            ensureRoomFor(units.length);
            for (int i = 0; i < units.length; i++) {
                append(ids.get(i), units[i]);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Appends the vector and marks the ordinal it replaces as removed, under the write lock, so searches see
     * either the old vector or the new one. May compact (see {@link #remove}).
     *
     * @throws IllegalStateException if the index stores {@link #MAX_SIZE} vectors or is closed
     * @throws UncheckedIOException  if the {@link Storage#INT8} spill file cannot grow; then nothing changed
     */
    @Override
    public void put(String id, float[] vector) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(vector, "vector");
        float[] unit = checkedUnit(id, vector);
        lock.writeLock().lock();
        try {
            ensureOpen();
            ensureRoomFor(1);
            Integer replaced = ordinalsById.get(id);
            append(id, unit);
            if (replaced != null) {
                markRemoved(replaced);
                compactIfWorthIt();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Marks the vector's ordinal as removed, under the write lock: scans skip it from then on. Once removed
     * vectors are at least {@value #DEFAULT_COMPACTION_FLOOR} and more than a quarter of those stored, the index
     * compacts before this returns: it copies the live vectors into new storage, in insertion order, and drops
     * the old one (for {@link Storage#INT8}, a new spill file replaces the old, and the codes are computed
     * again). The copy runs on one thread, under the write lock, so searches wait for it: it takes time linear
     * in the live vectors, about 0.1 s for 75,000 vectors of 384 dimensions with {@link Storage#FLOAT32} and
     * 0.45 s with {@link Storage#INT8}, some 25 and 150 single-thread scans. Until it ends, memory holds both
     * copies. Since a compaction follows removals of more than a quarter of the stored vectors, fewer than three
     * live vectors are copied per removal, amortized.
     *
     * <p>If the {@link Storage#INT8} compaction cannot write its new spill file (a full disk, a deleted spill
     * directory), the removal still stands: the index logs a warning, keeps its old storage, and tries again
     * once another {@value #DEFAULT_COMPACTION_FLOOR} vectors are removed.
     *
     * @throws IllegalStateException if the index is closed
     */
    @Override
    public boolean remove(String id) {
        Objects.requireNonNull(id, "id");
        lock.writeLock().lock();
        try {
            ensureOpen();
            Integer ordinal = ordinalsById.remove(id);
            if (ordinal == null) {
                return false;
            }
            markRemoved(ordinal);
            compactIfWorthIt();
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the index is closed
     */
    @Override
    public Optional<float[]> vector(String id) {
        Objects.requireNonNull(id, "id");
        lock.readLock().lock();
        try {
            ensureOpen();
            Integer ordinal = ordinalsById.get(id);
            if (ordinal == null) {
                return Optional.empty();
            }
            float[] out = new float[dimension];
            store.read(ordinal, out);
            return Optional.of(out);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the index is closed
     */
    @Override
    public List<Hit> search(SearchRequest request) {
        Objects.requireNonNull(request, "request");
        float[] query = normalizedQuery(request, "");
        lock.readLock().lock();
        try {
            ensureOpen();
            RangeScan.Query scan = scanQuery(request, query);
            if (scan == null) {
                return List.of();
            }
            int shares = shares(stored);
            TopK candidates;
            if (shares == 1) {
                candidates = RangeScan.scan(store, scan, 0, stored);
            } else {
                List<TopK> parts = pool.run(shares, i -> RangeScan.scan(store, scan, rangeStart(i, shares),
                        rangeStart(i + 1, shares)));
                candidates = merge(parts, scan.capacity());
            }
            return hits(request, query, candidates);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Scans the vectors once per group of {@value BlockScorer#QUERY_GROUP} queries, scoring each block of vectors
     * against the whole group while it is in cache, and in parallel over vector ranges for large work.
     *
     * @throws IllegalStateException if the index is closed
     */
    @Override
    public List<List<Hit>> searchBatch(List<SearchRequest> requests) {
        Objects.requireNonNull(requests, "requests");
        List<SearchRequest> batch = List.copyOf(requests);
        float[][] queries = new float[batch.size()][];
        for (int r = 0; r < queries.length; r++) {
            queries[r] = normalizedQuery(batch.get(r), "request " + r + ": ");
        }
        lock.readLock().lock();
        try {
            ensureOpen();
            List<RangeScan.Query> scans = new ArrayList<>();
            int[] scanOf = new int[queries.length];
            for (int r = 0; r < queries.length; r++) {
                RangeScan.Query scan = scanQuery(batch.get(r), queries[r]);
                scanOf[r] = scan == null ? -1 : scans.size();
                if (scan != null) {
                    scans.add(scan);
                }
            }
            TopK[] candidates = scanBatch(scans.toArray(new RangeScan.Query[0]));
            List<List<Hit>> results = new ArrayList<>(queries.length);
            for (int r = 0; r < queries.length; r++) {
                results.add(scanOf[r] < 0 ? List.of() : hits(batch.get(r), queries[r], candidates[scanOf[r]]));
            }
            return List.copyOf(results);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Takes the stored vectors as queries in blocks of {@value BlockScorer#QUERY_GROUP} and scores each block
     * against the vectors stored from its first on with the batch kernel of {@link #searchBatch}, in parallel
     * over blocks for large indexes, skipping removed vectors where a pair would be kept. Symmetry halves the
     * work: about {@code n² / 2} dot products for {@code n} stored vectors (removed ones awaiting compaction
     * included). Memory is one block of scores per thread plus the pairs found; no {@code n × n} matrix is ever
     * held.
     *
     * <p>A pair's score is exactly {@link VectorMath#dotInScanOrder} of the two stored vectors, the sum the
     * search kernels compute, for both storages ({@link Storage#INT8} uses its codes only to pick candidates,
     * and rescores them on the floats), so the two storages return identical lists. It equals the score
     * {@link #search} gives the pair when the query is one of the stored vectors, up to the rounding of
     * normalizing that query again: within 1e-6.
     *
     * @throws IllegalStateException if the index is closed
     */
    @Override
    public List<ScoredPair> pairsAtOrAbove(float minScore, int maxPairs) {
        SearchRequest.checkMinScore(minScore);
        if (maxPairs < 1) {
            throw new IllegalArgumentException("maxPairs must be >= 1 but was " + maxPairs);
        }
        lock.readLock().lock();
        try {
            ensureOpen();
            if (ordinalsById.size() < 2) {
                return List.of();
            }
            PairScan scan = new PairScan(store, stored, removed, minScore, maxPairs);
            int shares = Math.min(shares((long) stored * (stored - 1) / 2), scan.blocks());
            List<OrdinalPairs> parts = pool.run(shares, i -> scan.share(i, shares));
            if (scan.overLimit()) {
                throw new TooManyPairsException(minScore, maxPairs);
            }
            OrdinalPairs sorted = OrdinalPairs.sorted(parts);
            ScoredPair[] pairs = new ScoredPair[sorted.size()];
            for (int i = 0; i < pairs.length; i++) {
                pairs[i] = new ScoredPair(ids[sorted.first(i)], ids[sorted.second(i)], sorted.score(i));
            }
            return List.of(pairs);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The index's size and footprint now. */
    public IndexStats stats() {
        lock.readLock().lock();
        try {
            return new IndexStats(ordinalsById.size(), removedCount, dimension, options.storage(), store.heapBytes(),
                    store.offHeapBytes(), VectorMath.implementation(), options.threads());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The options this index was created with. */
    public IndexOptions options() {
        return options;
    }

    /**
     * Stops the scan threads and releases the vectors and the spill file. Afterwards {@link #add}, {@link #put},
     * {@link #remove}, {@link #search}, {@link #searchBatch}, {@link #pairsAtOrAbove} and {@link #vector} throw
     * {@link IllegalStateException}; size and ids remain readable. Waits for running searches; idempotent.
     */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            pool.close();
            store.close();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the index is closed");
        }
    }

    /** How many {@link #compact()} ran; for tests. */
    int compactions() {
        lock.readLock().lock();
        try {
            return compactions;
        } finally {
            lock.readLock().unlock();
        }
    }

    private VectorStore newStore() {
        SegmentLayout layout = SegmentLayout.forDimension(dimension);
        return options.storage() == Storage.INT8
                ? new Int8Store(layout, options.spillDir())
                : new Float32Store(layout);
    }

    private void ensureRoomFor(int more) {
        if ((long) stored + more > MAX_SIZE) {
            throw new IllegalStateException("index is full: it stores " + stored + " vectors (" + removedCount
                    + " of them removed, awaiting compaction) and cannot take " + more + " more; the limit is "
                    + MAX_SIZE);
        }
    }

    /** A normalized copy of {@code vector} after checking it for {@code id}; no lock needed. */
    private float[] checkedUnit(String id, float[] vector) {
        if (id.isBlank()) {
            throw new IllegalArgumentException("id must not be blank but was '" + id + "'");
        }
        if (vector.length != dimension) {
            throw new IllegalArgumentException("vector for id '" + id + "' has dimension " + vector.length
                    + " but the index has dimension " + dimension);
        }
        return normalized(vector.clone(), "vector for id '" + id + "'");
    }

    /**
     * Stores {@code unit} as the next ordinal and maps {@code id} to it; caller holds the write lock and checked
     * the vector and the room. If the store throws, nothing changed.
     */
    private void append(String id, float[] unit) {
        if (stored == ids.length) {
            ids = Arrays.copyOf(ids, (int) Math.min(MAX_SIZE, Math.max(INITIAL_CAPACITY, 2L * stored)));
        }
        store.append(unit);
        ids[stored] = id;
        ordinalsById.put(id, stored);
        stored++;
    }

    /** Caller holds the write lock and has unmapped or remapped the ordinal's id. */
    private void markRemoved(int ordinal) {
        removed.set(ordinal);
        ids[ordinal] = null;
        removedCount++;
    }

    /**
     * Compacts once removed vectors are many in count ({@link #compactionFloor}) and in share (more than a
     * quarter of those stored); caller holds the write lock.
     */
    private void compactIfWorthIt() {
        if (removedCount < Math.max(compactionFloor, retryCompactionAt) || removedCount <= stored / 4) {
            return;
        }
        try {
            compact();
        } catch (UncheckedIOException e) {
            retryCompactionAt = removedCount + compactionFloor;
            LOG.warn("Could not compact the index ({} vectors live, {} removed); it keeps its storage and tries "
                    + "again at {} removed", ordinalsById.size(), removedCount, retryCompactionAt, e);
        }
    }

    /**
     * Copies the live vectors, in ordinal order, into a new store and swaps it in; caller holds the write lock.
     * Ordinals keep their order, so ties still break by insertion order, and vectors are copied bit for bit, so
     * scores do not change. If the new store fails, it is closed and the index keeps the old one.
     *
     * @throws UncheckedIOException if the new {@link Storage#INT8} spill file cannot be created or grow
     */
    private void compact() {
        int live = ordinalsById.size();
        VectorStore compacted = newStore();
        String[] compactedIds = new String[live];
        float[] vector = new float[dimension];
        try {
            int next = 0;
            for (int ordinal = removed.nextClearBit(0); ordinal < stored;
                    ordinal = removed.nextClearBit(ordinal + 1)) {
                store.read(ordinal, vector);
                compacted.append(vector);
                compactedIds[next++] = ids[ordinal];
            }
        } catch (RuntimeException e) {
            compacted.close();
            throw e;
        }
        store.close();
        store = compacted;
        ids = compactedIds;
        stored = live;
        removed.clear();
        removedCount = 0;
        retryCompactionAt = 0;
        for (int ordinal = 0; ordinal < live; ordinal++) {
            ordinalsById.put(ids[ordinal], ordinal);
        }
        compactions++;
    }

    private float[] normalizedQuery(SearchRequest request, String context) {
        Objects.requireNonNull(request, context + "request");
        if (request.dimension() != dimension) {
            throw new IllegalArgumentException(context + "query has dimension " + request.dimension()
                    + " but the index has dimension " + dimension);
        }
        return normalized(request.query(), context + "query"); // query() is already a copy
    }

    /**
     * What to scan for one request, or null if no vector is eligible; caller holds the read lock. Approximate
     * stores take {@code k * oversample} candidates, among the vectors the filter accepts whose exact score could
     * lie in {@code [minScore, maxScore]} (see {@link RangeScan.Query}). The heap's capacity does not count the
     * filter, which is only asked during the scan; if it rejects many, the heap just does not fill.
     */
    private RangeScan.Query scanQuery(SearchRequest request, float[] query) {
        int[] excluded = excludedOrdinals(request.excludeIds());
        int eligible = ordinalsById.size() - excluded.length;
        if (eligible == 0) {
            return null;
        }
        long wanted = store.exact() ? request.k() : (long) request.k() * options.oversample();
        int capacity = (int) Math.min(wanted, eligible);
        return new RangeScan.Query(query, excluded, removed, allowedOrdinals(request.filter()), request.minScore(),
                request.maxScore(), store.slack(query), capacity);
    }

    /** Caller holds the read lock. */
    private TopK[] scanBatch(RangeScan.Query[] scans) {
        if (scans.length == 0) {
            return new TopK[0];
        }
        int shares = shares((long) stored * scans.length);
        if (shares == 1) {
            return RangeScan.scanBatch(store, scans, 0, stored);
        }
        List<TopK[]> parts = pool.run(shares,
                i -> RangeScan.scanBatch(store, scans, rangeStart(i, shares), rangeStart(i + 1, shares)));
        TopK[] merged = new TopK[scans.length];
        List<TopK> perQuery = new ArrayList<>(shares);
        for (int q = 0; q < scans.length; q++) {
            perQuery.clear();
            for (TopK[] part : parts) {
                perQuery.add(part[q]);
            }
            merged[q] = merge(perQuery, scans[q].capacity());
        }
        return merged;
    }

    /** How many ranges to scan in parallel for this much work; caller holds the read lock. */
    private int shares(long work) {
        if (work < parallelThreshold || stored < 2) {
            return 1;
        }
        return Math.min(pool.threads(), stored);
    }

    /**
     * The first ordinal of range {@code i} of {@code shares} about equal ranges, on a packed-group boundary
     * (ranges may be empty); caller holds the read lock.
     */
    private int rangeStart(int i, int shares) {
        if (i == shares) {
            return stored;
        }
        return (int) ((long) stored * i / shares) & -store.layout().groupWidth();
    }

    /** The best {@code capacity} entries of all parts: the same as one heap offered everything. */
    private static TopK merge(List<TopK> parts, int capacity) {
        TopK merged = new TopK(capacity);
        int[] ordinals = new int[capacity];
        float[] scores = new float[capacity];
        for (TopK part : parts) {
            int count = part.drain(ordinals, scores);
            for (int i = 0; i < count; i++) {
                merged.offer(ordinals[i], scores[i]);
            }
        }
        return merged;
    }

    /**
     * Turns the scan's candidates into hits, best-first; caller holds the read lock. For an approximate store,
     * rescores them exactly, drops those outside {@code [minScore, maxScore]}, and keeps the best {@code k}.
     */
    private List<Hit> hits(SearchRequest request, float[] query, TopK candidates) {
        int count = candidates.size();
        int[] ordinals = new int[count];
        float[] scores = new float[count];
        candidates.drain(ordinals, scores);
        if (!store.exact()) {
            if (count == 0) {
                return List.of();
            }
            TopK top = new TopK(Math.min(request.k(), count));
            float[] scratch = new float[dimension];
            for (int i = 0; i < count; i++) {
                float exact = store.exactScore(query, ordinals[i], scratch);
                if (exact >= request.minScore() && exact <= request.maxScore()) {
                    top.offer(ordinals[i], exact);
                }
            }
            count = top.drain(ordinals, scores);
        }
        Hit[] hits = new Hit[count];
        for (int i = 0; i < count; i++) {
            hits[i] = new Hit(ids[ordinals[i]], scores[i]);
        }
        return List.of(hits);
    }

    /** The request's filter, by ordinal; caller holds the read lock, and the scan runs under it. */
    private IntPredicate allowedOrdinals(Predicate<String> filter) {
        if (filter == SearchRequest.NO_FILTER) {
            return RangeScan.EVERY_ORDINAL;
        }
        String[] idsByOrdinal = ids;
        return ordinal -> filter.test(idsByOrdinal[ordinal]);
    }

    /** Sorted, distinct ordinals of the excluded ids the index holds (live ones); caller holds the read lock. */
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
