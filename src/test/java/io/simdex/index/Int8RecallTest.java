package io.simdex.index;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.simdex.index.IndexOptions.Storage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Int8 storage against exact float search on data shaped like sentence embeddings: 20,000 unit vectors of 384
 * components in 400 clusters of varying tightness, searched with queries drawn like the data and with random
 * directions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Int8RecallTest {

    private static final int DIMENSION = 384;
    private static final int SIZE = 20_000;
    private static final int K = 10;

    @TempDir
    static Path spillDir;

    private FlatIndex exact;
    private FlatIndex int8;
    private final List<float[]> queries = new ArrayList<>();

    @BeforeAll
    void build() {
        Random random = new Random(384);
        exact = new FlatIndex(DIMENSION, IndexOptions.defaults().withThreads(2));
        int8 = new FlatIndex(DIMENSION, IndexOptions.defaults().withThreads(2).withStorage(Storage.INT8)
                .withSpillDir(spillDir));
        List<float[]> centres = new ArrayList<>();
        for (int c = 0; c < 400; c++) {
            centres.add(gaussian(random, 1.0));
        }
        for (int i = 0; i < SIZE; i++) {
            float[] v = clusterMember(random, centres);
            exact.add("p" + i, v);
            int8.add("p" + i, v);
        }
        for (int q = 0; q < 100; q++) {
            queries.add(clusterMember(random, centres));
            queries.add(gaussian(random, 1.0));
        }
    }

    @AfterAll
    void close() {
        exact.close();
        int8.close();
    }

    @Test
    void recall_at_ten_is_at_least_99_percent_with_the_default_oversampling() {
        assertThat(recall(int8)).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void even_without_oversampling_most_neighbours_are_found() {
        try (FlatIndex noOversampling = copyWithOversample(1)) {
            assertThat(recall(noOversampling)).isGreaterThanOrEqualTo(0.9);
        }
    }

    @Test
    void returned_scores_are_the_exact_float_scores_bit_for_bit() {
        for (float[] query : queries) {
            Map<String, Float> exactScores = new HashMap<>();
            exact.search(SearchRequest.of(query, 3 * K)).forEach(hit -> exactScores.put(hit.id(), hit.score()));

            for (Hit hit : int8.search(SearchRequest.of(query, K))) {
                assertThat(exactScores).containsEntry(hit.id(), hit.score());
            }
        }
    }

    @Test
    void min_score_and_exclusions_give_the_same_hits_as_exact_search() {
        for (int q = 0; q < queries.size(); q += 2) {
            float[] query = queries.get(q);
            List<Hit> top = exact.search(SearchRequest.of(query, 30));
            Set<String> exclude = Set.of(top.get(0).id(), top.get(3).id(), "not-indexed");
            float minScore = top.get(20).score();
            SearchRequest request = new SearchRequest(query, 15, exclude, minScore);

            assertThat(int8.search(request)).as("query %d", q).isEqualTo(exact.search(request));
        }
    }

    @Test
    void int8_storage_keeps_a_quarter_of_the_floats_on_the_heap_and_the_rest_mapped() {
        IndexStats stats = int8.stats();

        assertThat(stats.heapBytes()).isLessThan(stats.rawFloatBytes() / 3);
        assertThat(stats.offHeapBytes()).isGreaterThanOrEqualTo(stats.rawFloatBytes());
    }

    /** Mean fraction of the exact top ten that {@code index} returns, over all queries. */
    private double recall(FlatIndex index) {
        List<SearchRequest> requests = queries.stream().map(query -> SearchRequest.of(query, K)).toList();
        List<List<Hit>> expected = exact.searchBatch(requests);
        List<List<Hit>> actual = index.searchBatch(requests);
        int found = 0;
        for (int q = 0; q < requests.size(); q++) {
            Set<String> want = new HashSet<>();
            expected.get(q).forEach(hit -> want.add(hit.id()));
            found += (int) actual.get(q).stream().filter(hit -> want.contains(hit.id())).count();
        }
        return found / (double) (requests.size() * K);
    }

    private FlatIndex copyWithOversample(int oversample) {
        FlatIndex copy = new FlatIndex(DIMENSION, int8.options().withOversample(oversample));
        for (int i = 0; i < SIZE; i++) {
            copy.add("p" + i, int8.vector("p" + i).orElseThrow());
        }
        return copy;
    }

    /**
     * A cluster centre plus noise of a random size: some clusters are tight (near duplicates, cosine about 0.9
     * to the centre), others loose (about 0.5).
     */
    private static float[] clusterMember(Random random, List<float[]> centres) {
        int cluster = random.nextInt(centres.size());
        float[] centre = centres.get(cluster);
        double spread = 0.5 + 1.2 * ((cluster * 7919) % 100) / 100.0;
        float[] noise = gaussian(random, spread);
        float[] v = new float[DIMENSION];
        for (int d = 0; d < DIMENSION; d++) {
            v[d] = centre[d] + noise[d];
        }
        return v;
    }

    /** A Gaussian vector with expected length {@code length}. */
    private static float[] gaussian(Random random, double length) {
        float[] v = new float[DIMENSION];
        for (int d = 0; d < DIMENSION; d++) {
            v[d] = (float) (random.nextGaussian() * length / Math.sqrt(DIMENSION));
        }
        return v;
    }
}
