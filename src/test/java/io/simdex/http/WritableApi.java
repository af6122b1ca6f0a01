package io.simdex.http;

import io.simdex.FakeEncoder;
import io.simdex.corpus.Paper;
import io.simdex.dedup.DuplicateService;
import io.simdex.encode.Encoder;
import io.simdex.index.IndexOptions;
import io.simdex.ingest.LiveCollection;
import io.simdex.search.SearchService;
import io.simdex.store.PaperStore;
import io.simdex.store.StoreOptions;

import java.nio.file.Path;
import java.util.List;

/** A writable API over a new store holding some papers, with the fake encoder: every route answers. */
final class WritableApi implements AutoCloseable {

    /** The API key writes carry. */
    static final String KEY = "test-key-0123456789abcdef";
    /** The header that carries it, name then value. */
    static final String[] AUTH = {"Authorization", "Bearer " + KEY};

    private final PaperStore store;
    private final LiveCollection collection;
    private final TestHttp http;

    private WritableApi(PaperStore store, LiveCollection collection, TestHttp http) {
        this.store = store;
        this.collection = collection;
        this.http = http;
    }

    /** A started server over a store in {@code dir} that holds {@code papers}. */
    static WritableApi start(Path dir, List<Paper> papers) {
        return start(dir, papers, new FakeEncoder(), HttpOptions.Bounds.defaults());
    }

    /** A started server over a store in {@code dir} that holds {@code papers}, with this encoder and these bounds. */
    static WritableApi start(Path dir, List<Paper> papers, Encoder encoder, HttpOptions.Bounds bounds) {
        var store = PaperStore.open(StoreOptions.defaults().withPath(dir.resolve("simdex.db")));
        var collection = LiveCollection.open(store, encoder, IndexOptions.defaults());
        collection.putAll(papers);
        var http = new TestHttp(HttpApi.create(new SearchService(collection.indexed(), encoder),
                new DuplicateService(collection.indexed(), encoder), collection,
                new HttpOptions(100, 4096).withApiKey(KEY).withBounds(bounds)));
        return new WritableApi(store, collection, http);
    }

    TestHttp http() {
        return http;
    }

    @Override
    public void close() {
        http.close();
        collection.close();
        store.close();
    }
}
