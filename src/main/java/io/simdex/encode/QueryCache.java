package io.simdex.encode;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.util.ArrayList;
import java.util.List;

/**
 * An {@link Encoder} that remembers the embeddings of recent search queries, so that a query asked again is
 * answered without the model: {@link #encodeQueries} looks each query up by the model's identity
 * ({@link Encoder#modelId()} and query instruction) and its exact text, and encodes only the ones it does not
 * hold, in one call. Everything else ({@link #encode(List)}: papers, texts compared as papers, duplicate checks)
 * goes straight to the wrapped encoder, never cached. At most {@code maxEntries} queries are kept (Caffeine's
 * size-bounded cache: it evicts the entries least likely to be asked again, by recency and frequency); 0 keeps
 * none. Lookups take no lock; two callers missing the same query at once both encode it.
 */
public final class QueryCache extends DelegatingEncoder {

    /** What a cached vector depends on: the model, the instruction put in front of queries, and the text. */
    private record Key(String modelId, String instruction, String text) {
    }

    private final int maxEntries;
    private final Cache<Key, Embedding> cache;

    /**
     * A cache of at most {@code maxEntries} queries in front of {@code encoder}, which it does not own: closing
     * the cache closes nothing.
     */
    public QueryCache(Encoder encoder, int maxEntries) {
        this(encoder, maxEntries, Caffeine.newBuilder());
    }

    /** As {@link #QueryCache(Encoder, int)}, evicting on the calling thread: for tests that count evictions. */
    static QueryCache evictingInline(Encoder encoder, int maxEntries) {
        return new QueryCache(encoder, maxEntries, Caffeine.newBuilder().executor(Runnable::run));
    }

    private QueryCache(Encoder encoder, int maxEntries, Caffeine<Object, Object> builder) {
        super(encoder);
        if (maxEntries < 0) {
            throw new IllegalArgumentException("query-cache-size must be >= 0, got " + maxEntries);
        }
        this.maxEntries = maxEntries;
        this.cache = builder.maximumSize(maxEntries).recordStats().build();
    }

    /**
     * Each query's embedding, from the cache when it holds it, else from the model (one call for all the misses),
     * then kept.
     */
    @Override
    public List<Embedding> encodeQueries(List<String> queries) {
        if (maxEntries == 0 || queries.isEmpty()) {
            return delegate.encodeQueries(queries);
        }
        var found = new Embedding[queries.size()];
        var missing = new ArrayList<String>();
        var missingAt = new ArrayList<Integer>();
        for (int i = 0; i < queries.size(); i++) {
            Embedding cached = cache.getIfPresent(key(queries.get(i)));
            if (cached != null) {
                found[i] = copy(cached);
            } else {
                missing.add(queries.get(i));
                missingAt.add(i);
            }
        }
        if (!missing.isEmpty()) {
            List<Embedding> encoded = delegate.encodeQueries(missing);
            for (int m = 0; m < missing.size(); m++) {
                cache.put(key(missing.get(m)), copy(encoded.get(m)));
                found[missingAt.get(m)] = encoded.get(m);
            }
        }
        return List.of(found);
    }

    /** Whether {@link #encodeQuery} would answer {@code query} without the model now; counts as no lookup. */
    public boolean holds(String query) {
        return maxEntries > 0 && cache.asMap().containsKey(key(query));
    }

    /** Queries answered from the cache so far. */
    public long hits() {
        return cache.stats().hitCount();
    }

    /** Queries the cache did not hold, so the model encoded them, so far. */
    public long misses() {
        return cache.stats().missCount();
    }

    /** Queries dropped to make room so far. */
    public long evictions() {
        return cache.stats().evictionCount();
    }

    /** Queries held now. */
    public long size() {
        return cache.estimatedSize();
    }

    /** The most queries it holds; 0 when it is off. */
    public int maxEntries() {
        return maxEntries;
    }

    /** Closes nothing: the wrapped encoder belongs to whoever made it. */
    @Override
    public void close() {
        cache.invalidateAll();
    }

    private Key key(String query) {
        return new Key(delegate.modelId(), delegate.queryInstruction(), query);
    }

    /** Callers own the vectors they get: neither they nor the cache can change the other's copy. */
    private static Embedding copy(Embedding e) {
        return new Embedding(e.vector().clone(), e.tokens(), e.tokensEmbedded());
    }
}
