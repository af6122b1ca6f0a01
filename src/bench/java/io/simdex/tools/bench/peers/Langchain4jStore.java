package io.simdex.tools.bench.peers;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;

import io.simdex.tools.bench.BenchSearcher;
import io.simdex.tools.bench.SearchCandidate;
import io.simdex.tools.bench.SearchPeer;
import io.simdex.tools.bench.VectorSet;

import java.util.List;

/**
 * langchain4j's {@link InMemoryEmbeddingStore}: one {@code Embedding} object per vector, searched on the
 * calling thread. Above 100k vectors it is skipped unless asked for: at 1M it holds about 1.7 GB and takes
 * about a second per query.
 */
public final class Langchain4jStore implements SearchPeer {

    static final String MAX_VECTORS_OPTION = "langchain4j.store.max-vectors";

    @Override
    public String name() {
        return "langchain4j InMemoryEmbeddingStore";
    }

    @Override
    public List<SearchCandidate> candidates(Context context) {
        long max = context.longOption(MAX_VECTORS_OPTION, 100_000);
        return List.of(new SearchCandidate("langchain4j " + MavenVersions.of("dev.langchain4j", "langchain4j-core"),
                "InMemoryEmbeddingStore.search", "FLOAT32", 1, max,
                "needs about 1.7 KB per vector (1.7 GB at 1M) and about 1 s per query; allow it with --peer "
                        + MAX_VECTORS_OPTION + "=1000000",
                Langchain4jStore::build));
    }

    private static BenchSearcher build(VectorSet vectors) {
        var store = new InMemoryEmbeddingStore<TextSegment>();
        for (int i = 0; i < vectors.count(); i++) {
            store.add(Integer.toString(i), Embedding.from(vectors.vector(i)));
        }
        return new Searcher(store, vectors.dimension());
    }

    private record Searcher(InMemoryEmbeddingStore<TextSegment> store, int dimension) implements BenchSearcher {
        @Override
        public int[] search(float[] query, int k) {
            List<EmbeddingMatch<TextSegment>> matches = store.search(EmbeddingSearchRequest.builder()
                    .queryEmbedding(Embedding.from(query)).maxResults(k).build()).matches();
            return matches.stream().mapToInt(m -> Integer.parseInt(m.embeddingId())).toArray();
        }

        @Override
        public long scannedBytesPerVector() {
            return 4L * dimension;
        }

        @Override
        public void close() {
            store.removeAll();
        }
    }
}
