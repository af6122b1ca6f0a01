package io.simdex.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.simdex.FakeEncoder;
import io.simdex.corpus.Corpus;
import io.simdex.corpus.Paper;
import io.simdex.index.IndexOptions;
import io.simdex.lexical.LexicalHit;
import io.simdex.lexical.LuceneLexicalIndex;
import io.simdex.store.PaperStore;
import io.simdex.store.StoreOptions;
import io.simdex.store.VersionConflictException;
import io.simdex.store.WriteResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The collection in the store and its in-memory indexes, kept in step, on the fake encoder. */
class LiveCollectionTest {

    @TempDir
    Path dir;

    @Test
    void a_reopened_store_is_served_without_encoding_anything() {
        try (PaperStore store = open()) {
            var encoder = new FakeEncoder();
            Seeder.seed(store, encoder, "papers.jsonl", () -> corpus(30));
            assertThat(encoder.encodedTexts()).isEqualTo(30);
        }
        try (PaperStore store = open(); var collection = LiveCollection.open(store, new FakeEncoder(),
                IndexOptions.defaults())) {
            assertThat(collection.encodedAtOpen()).isZero();
            assertThat(collection.indexed().index().size()).isEqualTo(30);
            assertThat(collection.indexed().lexical().size()).isEqualTo(30);
            assertThat(collection.indexed().tokens()).hasSize(30);
        }
    }

    @Test
    void another_model_encodes_the_stored_papers_once_and_keeps_both_models_vectors() {
        try (PaperStore store = open()) {
            Seeder.seed(store, new FakeEncoder(256), "papers.jsonl", () -> corpus(12));
            var other = new FakeEncoder(128); // another token budget is another model identity
            try (var collection = LiveCollection.open(store, other, IndexOptions.defaults())) {
                assertThat(collection.encodedAtOpen()).isEqualTo(12);
            }
            var again = new FakeEncoder(256);
            try (var collection = LiveCollection.open(store, again, IndexOptions.defaults())) {
                assertThat(again.encodedTexts()).isZero();
                assertThat(collection.indexed().index().size()).isEqualTo(12);
            }
        }
    }

    @Test
    void the_change_count_is_the_stores_and_grows_with_writes_and_deletes_but_not_with_refused_ones() {
        try (PaperStore store = open()) {
            Seeder.seed(store, new FakeEncoder(), "papers.jsonl", () -> corpus(3));
            try (var collection = LiveCollection.open(store, new FakeEncoder(), IndexOptions.defaults())) {
                long opened = collection.changes();
                assertThat(opened).isEqualTo(store.paperChanges()).isPositive();

                collection.put(paper("new", "Protein folding", "We fold proteins."), Optional.empty());
                long written = collection.changes();
                assertThat(written).isGreaterThan(opened).isEqualTo(store.paperChanges());

                assertThatThrownBy(() -> collection.put(paper("new", "Speech", "We hear."), Optional.of(9L)))
                        .isInstanceOf(VersionConflictException.class);
                assertThat(collection.delete("no-such-paper", Optional.empty())).isFalse();
                assertThat(collection.changes()).isEqualTo(written);

                collection.delete("new", Optional.empty());
                assertThat(collection.changes()).isGreaterThan(written).isEqualTo(store.paperChanges());
            }
        }
    }

    @Test
    void a_write_is_in_every_index_when_it_returns_and_a_text_seen_before_is_not_encoded_again() {
        var encoder = new FakeEncoder();
        try (PaperStore store = open(); var collection = LiveCollection.open(store, encoder, IndexOptions.defaults())) {
            // when
            var created = collection.put(paper("a", "Protein folding", "We fold proteins."), Optional.empty());
            collection.put(paper("b", "Protein folding", "We fold proteins."), Optional.empty());

            // then
            assertThat(created.outcome()).isEqualTo(WriteResult.Outcome.CREATED);
            assertThat(encoder.encodedTexts()).as("b has a's text: its vector is reused").isEqualTo(1);
            assertThat(collection.indexed().index().contains("b")).isTrue();
            assertThat(collection.indexed().lexical().search("proteins", 5, Set.of())).extracting(LexicalHit::id)
                    .containsExactlyInAnyOrder("a", "b");
            assertThat(collection.indexed().corpus().find("b")).isPresent();
            assertThat(store.get("b").orElseThrow().version()).isEqualTo(1);

            // when deleted
            assertThat(collection.delete("a", Optional.of(1L))).isTrue();

            // then
            assertThat(collection.indexed().index().contains("a")).isFalse();
            assertThat(collection.indexed().lexical().contains("a")).isFalse();
            assertThat(collection.indexed().corpus().find("a")).isEmpty();
            assertThat(collection.indexed().tokens()).doesNotContainKey("a");
        }
    }

    @Test
    void a_batch_write_is_in_every_index_when_it_returns_and_its_last_paper_for_an_id_wins() {
        try (PaperStore store = open(); var collection = LiveCollection.open(store, new FakeEncoder(),
                IndexOptions.defaults())) {
            // when
            collection.putAll(List.of(paper("a", "Protein folding", "We fold proteins."),
                    paper("b", "Speech", "We recognise speech."), paper("a", "Crystals", "We grow crystals.")));

            // then
            assertThat(collection.indexed().lexical().search("crystals speech", 5, Set.of()))
                    .extracting(LexicalHit::id).containsExactlyInAnyOrder("a", "b");
            assertThat(collection.indexed().lexical().search("proteins", 5, Set.of())).isEmpty();
            assertThat(collection.indexed().index().size()).isEqualTo(2);
            assertThat(collection.indexed().corpus().find("a").orElseThrow().title()).isEqualTo("Crystals");
            assertThat(collection.indexed().tokens()).containsOnlyKeys("a", "b");
            assertThat(collection.changes()).isEqualTo(store.paperChanges());
        }
    }

    @Test
    void a_version_conflict_changes_nothing_anywhere() {
        try (PaperStore store = open(); var collection = LiveCollection.open(store, new FakeEncoder(),
                IndexOptions.defaults())) {
            collection.put(paper("a", "Folding", "We fold proteins."), Optional.empty());

            assertThatThrownBy(() -> collection.put(paper("a", "Speech", "We recognise speech."), Optional.of(5L)))
                    .isInstanceOf(VersionConflictException.class);

            assertThat(collection.indexed().corpus().find("a").orElseThrow().title()).isEqualTo("Folding");
            assertThat(collection.indexed().lexical().search("speech", 5, Set.of())).isEmpty();
        }
    }

    @Test
    void concurrent_writers_to_one_id_end_with_one_whole_write_everywhere() throws Exception {
        try (PaperStore store = open(); var collection = LiveCollection.open(store, new FakeEncoder(),
                IndexOptions.defaults())) {
            var pool = Executors.newFixedThreadPool(4);
            var writes = new AtomicInteger();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        collection.put(paper("same", "Writer " + thread, "Write " + i + " by writer " + thread
                                + " with the word w" + thread + "x" + i + "."), Optional.empty());
                        writes.incrementAndGet();
                    }
                });
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

            Paper stored = store.get("same").orElseThrow().paper();
            assertThat(store.get("same").orElseThrow().version()).isEqualTo(writes.get());
            assertThat(collection.indexed().corpus().find("same")).contains(stored);
            String word = stored.abstractText().replaceAll(".* with the word (\\S+)\\.", "$1");
            assertThat(collection.indexed().lexical().search(word, 5, Set.of())).extracting(LexicalHit::id)
                    .containsExactly("same");
            float[] vector = collection.indexed().index().vector("same").orElseThrow();
            assertThat(vector).containsExactly(new FakeEncoder().encode(stored.embeddingText()).vector(),
                    org.assertj.core.data.Offset.offset(1e-6f));
        }
    }

    @Test
    void an_import_cut_short_resumes_and_a_changed_corpus_is_not_imported_behind_the_user_s_back() {
        try (PaperStore store = open()) {
            // given an import that committed its first papers, then stopped
            store.setFact(Seeder.SOURCE, "papers.jsonl");
            new Importer(store, new FakeEncoder(), 4).run(corpus(20).papers().subList(0, 8), "papers.jsonl",
                    java.util.Map.of(), (results, vectors) -> {
                    });

            // when started again
            var encoder = new FakeEncoder();
            int encoded = Seeder.seed(store, encoder, "papers.jsonl", () -> corpus(20));

            // then only the rest is encoded, and the store is done
            assertThat(encoded).isEqualTo(12);
            assertThat(store.count()).isEqualTo(20);
            assertThat(store.fact(Seeder.DONE)).contains("true");

            // and another corpus.path later imports nothing
            var later = new FakeEncoder();
            assertThat(Seeder.seed(store, later, "other.jsonl", () -> corpus(50))).isZero();
            assertThat(store.count()).isEqualTo(20);
        }
    }

    @Test
    void the_bm25_index_kept_at_a_clean_stop_is_reused_and_a_store_changed_since_is_indexed_again() {
        try (PaperStore store = open()) {
            Seeder.seed(store, new FakeEncoder(), "papers.jsonl", () -> corpus(5));
            try (var collection = LiveCollection.open(store, new FakeEncoder(), IndexOptions.defaults())) {
                assertThat(((LuceneLexicalIndex) collection.indexed().lexical()).onDisk()).isTrue();
            }
            assertThat(LiveCollection.bm25Folder(dir.resolve("simdex.db"))).isDirectory();
            // a write the BM25 folder never saw, as an import run while simdex was stopped makes
            new Importer(store, new FakeEncoder(), 10).run(List.of(paper("late", "Late", "Zebras arrive late.")),
                    "late.jsonl", java.util.Map.of(), (results, vectors) -> {
                    });
            try (var collection = LiveCollection.open(store, new FakeEncoder(), IndexOptions.defaults())) {
                assertThat(collection.indexed().lexical().search("zebras", 5, Set.of())).extracting(LexicalHit::id)
                        .containsExactly("late");
                assertThat(collection.indexed().lexical().size()).isEqualTo(6);
            }
        }
    }

    private PaperStore open() {
        return PaperStore.open(StoreOptions.defaults().withPath(dir.resolve("simdex.db")));
    }

    private static Paper paper(String id, String title, String abstractText) {
        return new Paper(id, title, abstractText, List.of());
    }

    private static Corpus corpus(int n) {
        var papers = new ArrayList<Paper>();
        for (int i = 0; i < n; i++) {
            papers.add(paper("p" + i, "Title number " + i, "Abstract " + i + " about topic " + (i % 3) + "."));
        }
        return new Corpus(papers, List.of());
    }
}
