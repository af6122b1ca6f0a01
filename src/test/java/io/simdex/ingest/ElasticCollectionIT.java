package io.simdex.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.simdex.FakeEncoder;
import io.simdex.corpus.Corpus;
import io.simdex.corpus.MetadataPredicate;
import io.simdex.corpus.Paper;
import io.simdex.index.Hit;
import io.simdex.index.IndexOptions;
import io.simdex.index.ScoredPair;
import io.simdex.index.SearchRequest;
import io.simdex.lexical.LexicalHit;
import io.simdex.store.PaperStore;
import io.simdex.store.PartialWriteException;
import io.simdex.store.StoreException;
import io.simdex.store.StoreOptions;
import io.simdex.store.VersionConflictException;
import io.simdex.store.WriteResult;
import io.simdex.store.elastic.ElasticOptions;
import io.simdex.store.elastic.ElasticStore;
import io.simdex.store.elastic.TestElasticsearch;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Elasticsearch collection against the SQLite one on the same papers and the same (fake) encoder: the same
 * hits by vector, by words and by "more like this", with the same metadata filters; versions and conflicts as
 * the SQLite store has them. Needs a cluster ({@link TestElasticsearch}).
 */
class ElasticCollectionIT {

    @TempDir
    Path dir;

    private PaperStore sqlite;
    private LiveCollection local;
    private ElasticStore store;
    private ElasticCollection remote;

    @BeforeEach
    void open() {
        ElasticOptions options = TestElasticsearch.options("collection");
        var encoder = new FakeEncoder();
        sqlite = PaperStore.open(StoreOptions.defaults().withPath(dir.resolve("simdex.db")));
        Seeder.seed(sqlite, encoder, "papers", () -> new Corpus(papers(), List.of()));
        local = LiveCollection.open(sqlite, encoder, IndexOptions.defaults());
        store = ElasticStore.open(options, encoder.modelId(), encoder.dimension());
        remote = ElasticCollection.open(store, encoder, IndexOptions.defaults(), "papers",
                () -> new Corpus(papers(), List.of()));
    }

    @AfterEach
    void close() {
        local.close();
        sqlite.close();
        store.close();
    }

    @AfterAll
    static void deleteIndexes() {
        TestElasticsearch.deleteIndexes();
    }

    @Test
    void a_new_index_is_seeded_once_and_counts_every_paper() {
        assertThat(remote.indexed().corpus().size()).isEqualTo(papers().size());
        assertThat(remote.encodedAtOpen()).isEqualTo(papers().size());
        var again = ElasticCollection.open(store, new FakeEncoder(), IndexOptions.defaults(), "papers",
                () -> new Corpus(papers(), List.of()));
        assertThat(again.encodedAtOpen()).isZero();
        assertThat(remote.stored("paper-0000003")).map(s -> s.paper())
                .isEqualTo(sqlite.get("paper-0000003").map(s -> s.paper()));
    }

    @Test
    void nearest_papers_and_their_cosines_match_the_local_index() {
        float[] query = local.indexed().index().vector("paper-0000007").orElseThrow();
        var request = new SearchRequest(query, 10, Set.of("paper-0000007"), SearchRequest.NO_MIN_SCORE);

        List<Hit> expected = local.indexed().index().search(request);
        List<Hit> actual = remote.indexed().index().search(request);

        assertThat(ids(actual)).isEqualTo(ids(expected));
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).score()).isCloseTo(expected.get(i).score(), org.assertj.core.data.Offset
                    .offset(1e-4f));
        }
    }

    @Test
    void metadata_conditions_run_in_the_cluster_and_accept_what_the_local_filter_accepts() {
        float[] query = local.indexed().index().vector("paper-0000001").orElseThrow();
        for (List<MetadataPredicate.Condition> conditions : List.of(
                List.of(new MetadataPredicate.Condition("year", "gte", "2021")),
                List.of(new MetadataPredicate.Condition("year", "lt", 2021)),
                List.of(new MetadataPredicate.Condition("venue", "eq", "NeurIPS")),
                List.of(new MetadataPredicate.Condition("tags", "eq", "graphs")),
                List.of(new MetadataPredicate.Condition("open", "eq", true),
                        new MetadataPredicate.Condition("year", "lte", 2022)))) {
            var filter = new Conditions(conditions, local);
            var request = new SearchRequest(query, 8, Set.of(), SearchRequest.NO_MIN_SCORE).withFilter(filter);

            assertThat(ids(remote.indexed().index().search(request)))
                    .as("%s", conditions).isEqualTo(ids(local.indexed().index().search(request)));
            assertThat(lexicalIds(remote.indexed().lexical().search("topicbwordc topiccworda", 8, Set.of(), filter)))
                    .as("%s", conditions)
                    .isEqualTo(lexicalIds(local.indexed().lexical().search("topicbwordc topiccworda", 8, Set.of(),
                            filter)));
        }
    }

    @Test
    void bm25_and_more_like_this_rank_as_the_local_index_does() {
        String query = "synthetic topicdwordb topicdworda topicewordc";
        assertThat(lexicalIds(remote.indexed().lexical().search(query, 10, Set.of("paper-0000002"))))
                .isEqualTo(lexicalIds(local.indexed().lexical().search(query, 10, Set.of("paper-0000002"))));

        String text = local.stored("paper-0000005").orElseThrow().paper().embeddingText();
        assertThat(lexicalIds(remote.indexed().lexical().moreLikeThis(text, 5, Set.of("paper-0000005"), id -> true)))
                .isEqualTo(lexicalIds(local.indexed().lexical().moreLikeThis(text, 5, Set.of("paper-0000005"),
                        id -> true)));
    }

    @Test
    void the_best_possible_bm25_score_of_a_query_is_the_local_index_s() {
        for (String query : List.of("synthetic topicdwordb topicdworda", "topicewordc topicewordc nosuchword",
                "the and of")) {
            assertThat(remote.indexed().lexical().bestPossibleScore(query))
                    .as(query)
                    .isCloseTo(local.indexed().lexical().bestPossibleScore(query), within(1e-9));
        }
        assertThat(remote.indexed().lexical().bestPossibleScore("the and of")).isZero();
        assertThat(remote.indexed().lexical().bestPossibleScore("synthetic topicdwordb")).isPositive();
    }

    @Test
    void a_hybrid_question_gets_both_rankings_in_one_round_trip_equal_to_asking_each() {
        float[] query = local.indexed().index().vector("paper-0000009").orElseThrow();
        var request = new SearchRequest(query, 7, Set.of("paper-0000001"), SearchRequest.NO_MIN_SCORE);

        IndexedCorpus.Rankings both = remote.indexed().rankBoth(request, "topicfwordb synthetic");
        IndexedCorpus.Rankings separately = IndexedCorpus.separately(remote.indexed().index(),
                remote.indexed().lexical()).rank(request, "topicfwordb synthetic");

        assertThat(ids(both.byMeaning())).isEqualTo(ids(separately.byMeaning()));
        assertThat(lexicalIds(both.byWords())).isEqualTo(lexicalIds(separately.byWords()));
    }

    @Test
    void a_score_ceiling_and_an_id_filter_are_applied_by_asking_deeper() {
        float[] query = local.indexed().index().vector("paper-0000004").orElseThrow();
        var request = new SearchRequest(query, 5, Set.of(), SearchRequest.NO_MIN_SCORE, 0.5f)
                .withFilter(id -> id.endsWith("1") || id.endsWith("3"));

        assertThat(ids(remote.indexed().index().search(request)))
                .isEqualTo(ids(local.indexed().index().search(request)));
    }

    @Test
    void the_pair_scan_reads_every_vector_and_finds_the_local_pairs() {
        List<ScoredPair> expected = local.indexed().index().pairsAtOrAbove(0.3f, 10_000);
        List<ScoredPair> actual = remote.indexed().index().pairsAtOrAbove(0.3f, 10_000);

        assertThat(actual).hasSameSizeAs(expected);
        assertThat(actual.stream().map(p -> p.first() + "|" + p.second()).toList())
                .containsExactlyInAnyOrderElementsOf(expected.stream().map(p -> p.first() + "|" + p.second())
                        .toList());
    }

    @Test
    void versions_and_conditional_writes_behave_as_in_the_sqlite_store() {
        Paper paper = new Paper("new-1", "A new paper", "About topicawordb and more.", List.of());

        WriteResult created = remote.put(paper, Optional.of(0L));
        assertThat(created.outcome()).isEqualTo(WriteResult.Outcome.CREATED);
        assertThat(created.stored().version()).isEqualTo(1);
        assertThat(remote.indexed().corpus().find("new-1")).contains(paper);

        assertThat(remote.put(paper, Optional.empty()).outcome()).isEqualTo(WriteResult.Outcome.UNCHANGED);
        Paper changed = new Paper("new-1", "A new paper", "Now about topicbwordc.", List.of());
        assertThatThrownBy(() -> remote.put(changed, Optional.of(0L))).isInstanceOf(VersionConflictException.class);
        WriteResult replaced = remote.put(changed, Optional.of(1L));
        assertThat(replaced.outcome()).isEqualTo(WriteResult.Outcome.REPLACED);
        assertThat(replaced.stored().version()).isEqualTo(2);
        assertThat(replaced.stored().createdAt()).isEqualTo(created.stored().createdAt());

        assertThatThrownBy(() -> remote.delete("new-1", Optional.of(1L)))
                .isInstanceOfSatisfying(VersionConflictException.class,
                        e -> assertThat(e.current()).hasValue(2));
        assertThat(remote.delete("new-1", Optional.of(2L))).isTrue();
        assertThat(remote.stored("new-1")).isEmpty();
        assertThat(remote.delete("new-1", Optional.empty())).isFalse();
    }

    @Test
    void a_bulk_item_the_cluster_refuses_is_named_and_the_others_are_stored() {
        var good = new Paper("bulk-good", "Good", "A paper the cluster takes.", List.of());
        var bad = new Paper("bulk-bad", "Bad", "A paper whose vector has the wrong length.", List.of());
        var vectors = new ArrayList<>(remote.vectors(List.of(good)));
        vectors.add(io.simdex.store.StoredEmbedding.of("fake", bad.embeddingText(), new float[] {1f, 0f}, 5, 5));

        assertThatThrownBy(() -> remote.putAll(List.of(good, bad), vectors))
                .isInstanceOfSatisfying(PartialWriteException.class,
                        e -> assertThat(e.failedIds()).containsExactly("bulk-bad"));
        assertThat(remote.stored("bulk-good")).isPresent();
    }

    @Test
    void an_int8_hnsw_index_finds_the_near_papers_and_says_its_rankings_are_not_exact() {
        ElasticOptions exact = store.options();
        ElasticOptions approximate = TestElasticsearch.remember(new ElasticOptions(exact.url(),
                TestElasticsearch.uniqueIndex("hnsw"), 1, 0, ElasticOptions.VectorIndexing.INT8_HNSW,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), ElasticOptions.Knn.DEFAULT));
        var encoder = new FakeEncoder();
        try (var hnsw = ElasticStore.open(approximate, encoder.modelId(), encoder.dimension())) {
            var collection = ElasticCollection.open(hnsw, encoder, IndexOptions.defaults(), "papers",
                    () -> new Corpus(papers(), List.of()));
            float[] query = local.indexed().index().vector("paper-0000011").orElseThrow();

            List<Hit> hits = collection.indexed().index().search(SearchRequest.of(query, 5));

            assertThat(remote.indexed().index().exact()).isTrue();
            assertThat(collection.indexed().index().exact()).isFalse();
            assertThat(new io.simdex.search.SearchService(collection.indexed(), encoder).exactByMeaning()).isFalse();
            assertThat(hits).hasSize(5);
            assertThat(hits.get(0).id()).isEqualTo("paper-0000011");
        }
    }

    @Test
    void oversample_rescores_int8_candidates_with_the_float_vectors_so_the_cosines_are_exact() {
        ElasticOptions int8 = TestElasticsearch.remember(new ElasticOptions(store.options().url(),
                TestElasticsearch.uniqueIndex("int8"), 1, 0, ElasticOptions.VectorIndexing.INT8_FLAT,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), ElasticOptions.Knn.DEFAULT));
        var encoder = new FakeEncoder();
        try (var seeded = ElasticStore.open(int8, encoder.modelId(), encoder.dimension())) {
            ElasticCollection.open(seeded, encoder, IndexOptions.defaults(), "papers",
                    () -> new Corpus(papers(), List.of()));
        }
        float[] query = local.indexed().index().vector("paper-0000011").orElseThrow();

        List<Float> plain = errors(int8.withKnn(new ElasticOptions.Knn(100, 0f)), encoder, query);
        List<Float> rescored = errors(int8.withKnn(new ElasticOptions.Knn(100, 4f)), encoder, query);

        assertThat(plain).hasSize(10).anySatisfy(error -> assertThat(error).isGreaterThan(1e-4f));
        assertThat(rescored).hasSize(10).allSatisfy(error -> assertThat(error).isLessThan(1e-5f));
    }

    /** For each of the top 10 by this store's kNN, how far its cosine is from the exact float one. */
    private List<Float> errors(ElasticOptions options, FakeEncoder encoder, float[] query) {
        try (var knn = ElasticStore.open(options, encoder.modelId(), encoder.dimension())) {
            var errors = new ArrayList<Float>();
            for (ElasticStore.Scored hit : knn.nearest(new ElasticStore.Nearest(query, 10, Set.of(), -1f,
                    List.of()))) {
                float[] vector = local.indexed().index().vector(hit.id()).orElseThrow();
                float exact = 0f;
                for (int i = 0; i < vector.length; i++) {
                    exact += vector[i] * query[i];
                }
                errors.add(Math.abs(hit.score() - exact));
            }
            return errors;
        }
    }

    @Test
    void an_index_of_another_model_is_refused_in_one_line() {
        ElasticOptions options = store.options();
        assertThatThrownBy(() -> ElasticStore.open(options, "another-model", FakeEncoder.DIMENSION))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("another-model").hasMessageContaining(options.index())
                .hasMessageNotContaining("\n");
    }

    @Test
    void a_cluster_that_does_not_answer_is_named_in_one_line() {
        var nowhere = ElasticOptions.local(URI.create("http://127.0.0.1:9"), "simdex-nowhere");
        assertThatThrownBy(() -> ElasticStore.open(nowhere, "model", 4))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot reach Elasticsearch at http://127.0.0.1:9")
                .hasMessageNotContaining("\n");
    }

    /** Metadata conditions that also say which, as the search use case builds them. */
    private record Conditions(List<MetadataPredicate.Condition> conditions, LiveCollection collection)
            implements MetadataPredicate {
        @Override
        public boolean test(String id) {
            var metadata = collection.stored(id).orElseThrow().paper().metadata();
            for (Condition condition : conditions) {
                var filter = new io.simdex.search.MetadataFilter(List.of(new io.simdex.search.MetadataFilter
                        .Condition(condition.field(), op(condition.operator()), condition.value())));
                if (!filter.test(metadata)) {
                    return false;
                }
            }
            return true;
        }

        private static io.simdex.search.MetadataFilter.Op op(String label) {
            return io.simdex.search.MetadataFilter.Op.valueOf(label.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** Synthetic papers with metadata of every kind a filter compares. */
    private static List<Paper> papers() {
        var papers = new ArrayList<Paper>();
        String[] venues = {"NeurIPS", "ICML", "ACL"};
        for (Paper paper : io.simdex.SyntheticPapers.of(60)) {
            int n = Integer.parseInt(paper.id().substring(6));
            Map<String, Object> metadata = n % 7 == 0 ? Map.of()
                    : Map.of("year", n % 2 == 0 ? (Object) (2018L + n % 6) : String.valueOf(2018 + n % 6),
                            "venue", venues[n % 3], "tags", n % 4 == 0 ? List.of("graphs", "nlp") : List.of("nlp"),
                            "open", n % 3 == 1);
            papers.add(new Paper(paper.id(), paper.title(), paper.abstractText(), paper.sources(), metadata));
        }
        return papers;
    }

    private static List<String> ids(List<Hit> hits) {
        return hits.stream().map(Hit::id).toList();
    }

    private static List<String> lexicalIds(List<LexicalHit> hits) {
        return hits.stream().map(LexicalHit::id).toList();
    }
}
