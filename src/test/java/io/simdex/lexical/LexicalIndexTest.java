package io.simdex.lexical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

class LexicalIndexTest {

    private static LexicalIndex index;

    @BeforeAll
    static void build() {
        index = LexicalIndex.build(List.of(
                new LexicalDocument("gnn", "Graph neural networks. We train a model on molecule graphs."),
                new LexicalDocument("hyperbolic", "Hyperbolic embeddings. We embed a model of trees in hyperbolic"
                        + " space."),
                new LexicalDocument("vision", "Vision models. We train a model on images and report model accuracy."),
                new LexicalDocument("speech", "Speech recognition. A model of speech trained on audio."),
                new LexicalDocument("possessive", "The network's weights are pruned after training."),
                new LexicalDocument("proteins", "Protein folding. Protein structures predicted from sequences.")));
    }

    @AfterAll
    static void close() {
        index.close();
    }

    @Test
    void a_document_with_the_rare_query_term_ranks_first() {
        List<LexicalHit> hits = index.search("hyperbolic model", 10, Set.of());

        assertThat(hits.get(0).id()).isEqualTo("hyperbolic");
        assertThat(ids(hits)).contains("gnn", "vision", "speech"); // "model" alone matches them too
        for (int i = 1; i < hits.size(); i++) {
            assertThat(hits.get(i).score()).isLessThanOrEqualTo(hits.get(i - 1).score());
        }
    }

    @Test
    void stemming_and_possessives_match_other_forms_of_a_word() {
        assertThat(ids(index.search("network", 10, Set.of()))).containsExactlyInAnyOrder("gnn", "possessive");
        assertThat(ids(index.search("Networks", 10, Set.of()))).containsExactlyInAnyOrder("gnn", "possessive");
        assertThat(ids(index.search("folded proteins", 10, Set.of()))).containsExactly("proteins");
    }

    @ParameterizedTest
    @ValueSource(strings = {"the of and a", "?!;,.", "", "   ", "it is what it is"})
    void a_query_without_an_indexable_word_finds_nothing(String query) {
        assertThat(index.search(query, 10, Set.of())).isEmpty();
    }

    @Test
    void excluded_documents_never_come_back_and_k_is_still_filled() {
        List<LexicalHit> all = index.search("model", 3, Set.of());
        assertThat(all).hasSize(3);

        List<LexicalHit> hits = index.search("model", 3, Set.of(all.get(0).id(), "not-indexed"));

        assertThat(ids(hits)).hasSize(3).doesNotContain(all.get(0).id());
        assertThat(ids(hits).subList(0, 2)).isEqualTo(ids(all).subList(1, 3));
    }

    @Test
    void k_caps_the_hits_and_fewer_come_back_when_fewer_match() {
        assertThat(index.search("model", 1, Set.of())).hasSize(1);
        assertThat(index.search("protein", 10, Set.of())).hasSize(1);
        assertThat(index.search("quasar", 10, Set.of())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"title:(foo AND \"bar", "model*", "speech~2", "+graph -neural", "[a TO z]", "\\", "/regex/",
        "a && b || !c", "graph^10 {model}", "NOT AND OR", "network's:"})
    void query_syntax_in_the_text_is_just_text(String query) {
        assertThat(index.search(query, 10, Set.of())).allSatisfy(h -> assertThat(h.score()).isPositive());
    }

    @Test
    void a_very_long_query_with_more_terms_than_lucene_allows_still_searches() {
        String words = IntStream.range(0, 5_000).mapToObj(i -> "word" + i).collect(Collectors.joining(" "));
        // the repeated words are the most frequent, so they survive the cap on distinct terms
        String query = words + " hyperbolic hyperbolic hyperbolic";

        assertThat(ids(index.search(query, 10, Set.of()))).containsExactly("hyperbolic");
    }

    @Test
    void a_repeated_query_word_weighs_more() {
        assertThat(index.search("speech speech speech protein", 1, Set.of()).get(0).id()).isEqualTo("speech");
        assertThat(index.search("speech protein protein protein", 1, Set.of()).get(0).id()).isEqualTo("proteins");
    }

    @Test
    void scores_are_bm25_with_k1_1_2_and_b_0_75() {
        try (var small = LexicalIndex.build(List.of(new LexicalDocument("a", "apple banana"),
                new LexicalDocument("b", "banana cherry"), new LexicalDocument("c", "cherry date elderberry")))) {
            // one document of three holds "apple"; it is 2 terms long and the average is 7/3
            double idf = Math.log(1 + (3 - 1 + 0.5) / (1 + 0.5));
            double tf = 1 / (1 + 1.2 * (1 - 0.75 + 0.75 * 2 / (7.0 / 3)));

            List<LexicalHit> hits = small.search("apple", 5, Set.of());

            assertThat(ids(hits)).containsExactly("a");
            assertThat((double) hits.get(0).score()).isCloseTo(idf * tf, within(1e-5));
        }
    }

    @Test
    void equal_scores_rank_in_index_order() {
        try (var twins = LexicalIndex.build(List.of(new LexicalDocument("z-first", "same words here"),
                new LexicalDocument("a-second", "same words here"), new LexicalDocument("other", "other text")))) {
            assertThat(ids(twins.search("words", 5, Set.of()))).containsExactly("z-first", "a-second");
        }
    }

    @Test
    void concurrent_searches_get_the_answers_of_sequential_ones() throws Exception {
        List<String> queries = List.of("hyperbolic model", "network", "speech audio", "protein folding", "model",
                "graph vision", "training weights");
        var expected = queries.stream().map(q -> index.search(q, 4, Set.of())).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            var futures = new ArrayList<Future<List<LexicalHit>>>();
            for (int round = 0; round < 50; round++) {
                for (String q : queries) {
                    futures.add(pool.submit(() -> index.search(q, 4, Set.of())));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).get()).isEqualTo(expected.get(i % queries.size()));
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void an_empty_index_finds_nothing() {
        try (var empty = LexicalIndex.build(List.of())) {
            assertThat(empty.size()).isZero();
            assertThat(empty.search("anything", 3, Set.of())).isEmpty();
        }
    }

    @Test
    void size_counts_the_documents() {
        assertThat(index.size()).isEqualTo(6);
    }

    @Test
    void bad_input_is_rejected_with_a_message_naming_it() {
        assertThatThrownBy(() -> LexicalIndex.build(List.of(new LexicalDocument("x", "one"),
                new LexicalDocument("x", "two")))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'x'");
        assertThatThrownBy(() -> index.search("model", 0, Set.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("k must be >= 1");
        assertThatThrownBy(() -> new LexicalDocument(" ", "text")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_index_built_in_parts_on_several_threads_answers_exactly_as_one_built_on_one() {
        // given more documents than one thread builds alone, with many equal scores to test the tie order
        var random = new java.util.Random(11);
        String[] words = {"protein", "graph", "speech", "vision", "model", "network", "folding", "audio"};
        var documents = new ArrayList<LexicalDocument>();
        for (int i = 0; i < LuceneLexicalIndex.PARALLEL_BUILD_FROM + 5_000; i++) {
            var text = new StringBuilder();
            for (int w = 0; w < 6; w++) {
                text.append(words[random.nextInt(words.length)]).append(' ');
            }
            documents.add(new LexicalDocument("d" + i, text.toString()));
        }
        try (var one = LexicalIndex.build(documents, 1); var parts = LexicalIndex.build(documents, 3)) {
            for (String query : List.of("protein folding", "speech audio model", "graph")) {
                assertThat(parts.search(query, 50, Set.of())).as(query).isEqualTo(one.search(query, 50, Set.of()));
            }
            assertThat(parts.size()).isEqualTo(documents.size());
        }
    }

    @Test
    void an_index_on_disk_is_reopened_as_it_was_kept_and_rebuilt_when_the_generation_moved(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path folder) {
        var documents = List.of(new LexicalDocument("a", "Protein folding benchmarks."),
                new LexicalDocument("b", "Speech recognition on audio."));
        try (var kept = LexicalIndex.open(folder, "7", documents, 1)) {
            assertThat(kept.onDisk()).isTrue();
            kept.put("c", "Graph networks for molecules.");
            kept.commit("8");
        }

        // reopened at generation 8: the documents it is given are not read, the kept index answers
        try (var reopened = LexicalIndex.open(folder, "8", List.of(new LexicalDocument("x", "Unrelated.")), 1)) {
            assertThat(ids(reopened.search("molecules", 5, Set.of()))).containsExactly("c");
            assertThat(reopened.search("unrelated", 5, Set.of())).isEmpty();
        }

        // at another generation it is rebuilt from the documents given
        try (var rebuilt = LexicalIndex.open(folder, "9", documents, 1)) {
            assertThat(rebuilt.search("molecules", 5, Set.of())).isEmpty();
            assertThat(ids(rebuilt.search("speech", 5, Set.of()))).containsExactly("b");
        }
    }

    @Test
    void changes_not_committed_are_not_kept(@org.junit.jupiter.api.io.TempDir java.nio.file.Path folder) {
        var documents = List.of(new LexicalDocument("a", "Protein folding benchmarks."));
        try (var index = LexicalIndex.open(folder, "1", documents, 1)) {
            index.put("b", "Speech recognition on audio.");
        } // closed without commit, as after a crash

        try (var reopened = LexicalIndex.open(folder, "1", documents, 1)) {
            assertThat(reopened.search("speech", 5, Set.of())).isEmpty();
            assertThat(ids(reopened.search("protein", 5, Set.of()))).containsExactly("a");
        }
    }

    @Test
    void a_folder_another_index_holds_gives_an_index_in_memory(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path folder) {
        var documents = List.of(new LexicalDocument("a", "Protein folding benchmarks."));
        try (var first = LexicalIndex.open(folder, "1", documents, 1);
                var second = LexicalIndex.open(folder, "1", documents, 1)) {
            assertThat(first.onDisk()).isTrue();
            assertThat(second.onDisk()).isFalse();
            assertThat(ids(second.search("protein", 5, Set.of()))).containsExactly("a");
        }
    }

    private static List<String> ids(List<LexicalHit> hits) {
        return hits.stream().map(LexicalHit::id).toList();
    }

    @Test
    void a_put_is_found_by_the_next_search_and_a_replaced_text_is_gone() {
        try (var live = LexicalIndex.build(List.of(new LexicalDocument("a", "Protein folding benchmarks."),
                new LexicalDocument("b", "Speech recognition on audio.")))) {
            // when a new document is added and an existing one replaced
            live.put("c", "Graph networks for molecules.");
            live.put("a", "Hyperbolic embeddings of trees.");

            // then
            assertThat(live.size()).isEqualTo(3);
            assertThat(ids(live.search("molecules", 5, Set.of()))).containsExactly("c");
            assertThat(ids(live.search("hyperbolic trees", 5, Set.of()))).containsExactly("a");
            assertThat(live.search("protein folding", 5, Set.of())).isEmpty();
        }
    }

    @Test
    void a_batch_put_is_found_whole_by_the_next_search_and_its_later_text_for_an_id_wins() {
        try (var live = LexicalIndex.build(List.of(new LexicalDocument("a", "Protein folding benchmarks.")))) {
            // when a batch adds two documents, replaces one, and names one of its own ids twice
            live.putAll(List.of(new LexicalDocument("b", "Speech recognition on audio."),
                    new LexicalDocument("a", "Hyperbolic embeddings of trees."),
                    new LexicalDocument("c", "Graph networks for molecules."),
                    new LexicalDocument("c", "Graph networks for crystals.")));

            // then
            assertThat(live.size()).isEqualTo(3);
            assertThat(ids(live.search("speech", 5, Set.of()))).containsExactly("b");
            assertThat(ids(live.search("hyperbolic trees", 5, Set.of()))).containsExactly("a");
            assertThat(ids(live.search("crystals", 5, Set.of()))).containsExactly("c");
            assertThat(live.search("protein folding molecules", 5, Set.of())).isEmpty();
        }
    }

    @Test
    void a_removed_document_is_never_found_again() {
        try (var live = LexicalIndex.build(List.of(new LexicalDocument("a", "Protein folding benchmarks."),
                new LexicalDocument("b", "Protein design.")))) {
            assertThat(live.remove("a")).isTrue();
            assertThat(live.remove("a")).isFalse();
            assertThat(live.remove("never-there")).isFalse();

            assertThat(ids(live.search("protein", 5, Set.of()))).containsExactly("b");
            assertThat(live.size()).isEqualTo(1);
            assertThat(live.contains("a")).isFalse();
        }
    }

    @Test
    void a_filter_is_exact_however_deep_the_allowed_documents_rank() {
        // given 200 documents that match, of which only the 3 weakest are allowed
        var documents = new ArrayList<LexicalDocument>();
        for (int i = 0; i < 200; i++) {
            documents.add(new LexicalDocument("d" + i, "protein ".repeat(200 - i) + "filler text number " + i));
        }
        try (var live = LexicalIndex.build(documents)) {
            Set<String> allowed = Set.of("d197", "d198", "d199");

            var hits = live.search("protein", 2, Set.of(), allowed::contains);

            assertThat(ids(hits)).containsExactly("d197", "d198");
        }
    }
}
