package io.simdex.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.simdex.BundledPapers;
import io.simdex.FakeEncoder;
import io.simdex.corpus.Paper;
import io.simdex.index.IndexOptions;
import io.simdex.ingest.LiveCollection;
import io.simdex.lexical.Words;
import io.simdex.store.PaperStore;
import io.simdex.store.StoreOptions;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

/** The map of a live collection: one point per paper, the same map for the same papers, a new one after writes. */
class MapServiceTest {

    private static final List<Paper> PAPERS = BundledPapers.all().subList(0, 150);

    @TempDir
    Path dir;

    private PaperStore store;
    private LiveCollection collection;
    private MapService maps;

    @BeforeEach
    void open() {
        store = PaperStore.open(StoreOptions.defaults().withPath(dir.resolve("simdex.db")));
        collection = LiveCollection.open(store, new FakeEncoder(), IndexOptions.defaults());
        collection.putAll(PAPERS);
        maps = new MapService(collection.indexed(), collection::changes);
    }

    @AfterEach
    void close() {
        collection.close();
        store.close();
    }

    @Test
    void every_paper_is_one_point_sorted_by_id_in_a_cluster_that_counts_it() {
        CorpusMapView map = maps.map();

        assertThat(map.method()).isEqualTo("pca");
        assertThat(map.papers()).isEqualTo(PAPERS.size());
        assertThat(map.points()).extracting(MapPoint::id)
                .containsExactlyElementsOf(PAPERS.stream().map(Paper::id).sorted().toList());
        assertThat(map.points()).allSatisfy(point -> {
            assertThat(point.x()).isBetween(-1f, 1f);
            assertThat(point.y()).isBetween(-1f, 1f);
            // three decimals
            assertThat(point.x() * 1000).isCloseTo(Math.round(point.x() * 1000), within(1e-3f));
            assertThat(point.y() * 1000).isCloseTo(Math.round(point.y() * 1000), within(1e-3f));
            assertThat(point.cluster()).isBetween(0, map.clusters().size() - 1);
        });
        assertThat(map.clusters()).hasSize(KMeans.clusterCount(PAPERS.size()));
        assertThat(map.clusters().stream().mapToInt(MapCluster::size).sum()).isEqualTo(PAPERS.size());
        for (MapCluster cluster : map.clusters()) {
            assertThat(map.points().stream().filter(point -> point.cluster() == cluster.id()).count())
                    .isEqualTo(cluster.size());
        }
        assertThat(map.clusters()).extracting(MapCluster::size).isSortedAccordingTo((a, b) -> b - a);
    }

    @Test
    void labels_are_a_few_words_of_the_collections_papers() {
        Set<String> vocabulary = new HashSet<>();
        PAPERS.forEach(paper -> vocabulary.addAll(Words.distinct(paper.embeddingText(), 3)));

        CorpusMapView map = maps.map();

        assertThat(map.clusters()).allSatisfy(cluster -> {
            List<String> words = List.of(cluster.label().split(", "));
            assertThat(words).hasSizeBetween(1, 3).doesNotHaveDuplicates().allSatisfy(word -> {
                assertThat(word).hasSizeGreaterThanOrEqualTo(3).matches("\\p{Ll}+");
                assertThat(vocabulary).contains(word);
            });
        });
    }

    @Test
    void the_same_papers_give_the_same_map() {
        CorpusMapView first = maps.map();
        CorpusMapView again = new MapService(collection.indexed(), collection::changes).map();

        assertThat(again.points()).isEqualTo(first.points());
        assertThat(again.clusters()).isEqualTo(first.clusters());
        assertThat(maps.map()).isSameAs(first); // unchanged collection: not computed again
    }

    @Test
    void a_write_makes_a_new_version_with_the_new_paper_and_a_delete_drops_it() {
        CorpusMapView before = maps.map();
        var added = new Paper("zz-new", "Quantum error correction", "Surface codes protect qubits.", List.of(),
                Map.of());

        collection.put(added, Optional.empty());
        CorpusMapView after = maps.map();

        assertThat(after.version()).isGreaterThan(before.version());
        assertThat(after.papers()).isEqualTo(before.papers() + 1);
        assertThat(after.points()).extracting(MapPoint::id).contains("zz-new");
        assertThat(after.points().get(after.papers() - 1).id()).isEqualTo("zz-new");

        collection.delete("zz-new", Optional.empty());
        CorpusMapView deleted = maps.map();

        assertThat(deleted.version()).isGreaterThan(after.version());
        assertThat(deleted.points()).extracting(MapPoint::id).doesNotContain("zz-new");
        assertThat(deleted.points()).isEqualTo(before.points());
    }

    @Test
    void requests_at_once_share_one_computation() throws Exception {
        var pool = Executors.newFixedThreadPool(4);
        try {
            Callable<CorpusMapView> ask = maps::map;
            var answers = pool.invokeAll(List.of(ask, ask, ask, ask));
            CorpusMapView first = answers.get(0).get();
            for (var answer : answers) {
                assertThat(answer.get()).isSameAs(first);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void an_empty_collection_has_an_empty_map() {
        for (Paper paper : PAPERS) {
            collection.delete(paper.id(), Optional.empty());
        }

        CorpusMapView map = maps.map();

        assertThat(map.points()).isEmpty();
        assertThat(map.clusters()).isEmpty();
    }

    @Test
    void a_large_collection_is_fitted_on_a_sample_that_depends_only_on_the_ids() {
        List<Paper> many = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            many.add(new Paper("id-" + i, "T", "A.", List.of(), Map.of()));
        }

        int[] sample = MapService.sample(many, 20);
        int[] withoutTheLast = MapService.sample(many.subList(0, 49), 20);

        assertThat(sample).hasSize(20).isSorted().doesNotHaveDuplicates();
        var ids = new HashSet<String>();
        for (int i : sample) {
            ids.add(many.get(i).id());
        }
        var idsWithout = new HashSet<String>();
        for (int i : withoutTheLast) {
            idsWithout.add(many.get(i).id());
        }
        ids.retainAll(idsWithout);
        assertThat(ids).hasSizeGreaterThanOrEqualTo(19);
    }
}
