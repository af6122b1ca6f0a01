package io.simdex.store;

import io.simdex.corpus.Paper;
import io.simdex.corpus.Source;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;

/** Papers, vectors, a clock to move by hand and raw connections for the store's tests. */
final class TestStores {

    static final String MINILM = "all-minilm-l6-v2@0a1b2c/max256/mean";
    static final String BGE = "bge-small-en-v1.5@3d4e5f/max512/cls";

    private TestStores() {
    }

    static Paper paper(String id) {
        return paper(id, "Title of " + id, "The abstract of " + id + ".");
    }

    static Paper paper(String id, String title, String abstractText) {
        return new Paper(id, title, abstractText, List.of(new Source("papers.jsonl", 1)));
    }

    /** A vector whose components depend only on {@code seed}. */
    static float[] vector(long seed, int dimension) {
        var random = new Random(seed);
        var vector = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            vector[i] = random.nextFloat() * 2 - 1;
        }
        return vector;
    }

    /** The embedding of the paper's text under {@code model}, with a vector made from {@code seed}. */
    static StoredEmbedding embedding(String model, Paper paper, long seed) {
        return StoredEmbedding.of(model, paper.embeddingText(), vector(seed, 8), 12, 12);
    }

    static PaperStore open(Path file) {
        return PaperStore.open(new StoreOptions(file, StoreOptions.Sync.FULL));
    }

    /** A plain JDBC connection to a store file, for looking at what the store wrote or writing what it would not. */
    static Connection raw(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }

    /** A clock that stands still until moved. */
    static final class ManualClock extends Clock {

        private volatile Instant now;

        ManualClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the store's clock is always UTC");
        }
    }
}
