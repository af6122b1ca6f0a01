package io.simdex.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import io.simdex.FakeEncoder;
import io.simdex.SyntheticPapers;
import io.simdex.corpus.Paper;
import io.simdex.index.IndexOptions;
import io.simdex.store.PaperStore;
import io.simdex.store.StoreOptions;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * How long one batch write of N synthetic papers takes (10,000 unless {@code -Dsimdex.batch.papers=N}), on the
 * fake encoder, split into encoding, and storing plus indexing; prints figures and asserts only counts; off unless
 * asked for: {@code mvn test -Dtest=BatchWriteMeasurementTest -Dsimdex.batch.measure=true [-Dsimdex.batch.papers=N]}.
 */
@EnabledIfSystemProperty(named = "simdex.batch.measure", matches = "true")
class BatchWriteMeasurementTest {

    @TempDir
    Path dir;

    @Test
    void measure_one_batch_write() {
        int n = Integer.getInteger("simdex.batch.papers", 10_000);
        List<Paper> papers = SyntheticPapers.of(n);
        try (PaperStore store = PaperStore.open(StoreOptions.defaults().withPath(dir.resolve("batch.db")));
                var collection = LiveCollection.open(store, new FakeEncoder(), IndexOptions.defaults())) {
            long start = System.nanoTime();
            var vectors = collection.vectors(papers);
            long encoded = System.nanoTime();
            collection.putAll(papers, vectors);
            long stored = System.nanoTime();

            assertThat(collection.indexed().lexical().size()).isEqualTo(n);
            assertThat(collection.indexed().lexical().search("topicawordb", 10, Set.of())).hasSize(Math.min(n, 10));
            System.out.printf("batch write of %,d synthetic papers: %,d ms (encoding %,d ms, storing and indexing"
                    + " %,d ms)%n", n, (stored - start) / 1_000_000, (encoded - start) / 1_000_000,
                    (stored - encoded) / 1_000_000);
        }
    }
}
