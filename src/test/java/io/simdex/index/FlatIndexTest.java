package io.simdex.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.within;

import io.simdex.index.Reference.BruteForce;
import io.simdex.index.Reference.RefHit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FlatIndexTest extends VectorIndexContractTest {

    /** Not a multiple of 4, so the dot-product kernel's tail loop runs on every vector. */
    private static final int DIMENSION = 19;

    /** Float dot products of unit vectors are this close to the double reference; a near-tie may swap order. */
    private static final double SCORE_TOLERANCE = 1e-5;

    @Override
    protected VectorIndex newIndex(int dimension) {
        return new FlatIndex(dimension);
    }

    enum Filter {
        NONE(false, false), EXCLUSIONS(true, false), MIN_SCORE(false, true), BOTH(true, true);

        final boolean excludes;
        final boolean minScore;

        Filter(boolean excludes, boolean minScore) {
            this.excludes = excludes;
            this.minScore = minScore;
        }
    }

    static Stream<Arguments> sizesKsAndFilters() {
        List<Arguments> cases = new ArrayList<>();
        for (int n : new int[] {1, 2, 7, 100, 1000}) {
            for (int k : new TreeSet<>(List.of(1, 5, n - 1, n, n + 7))) {
                if (k < 1) {
                    continue;
                }
                for (Filter filter : Filter.values()) {
                    cases.add(Arguments.of(n, k, filter));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "n={0}, k={1}, {2}")
    @MethodSource("sizesKsAndFilters")
    void search_matches_a_brute_force_full_sort(int n, int k, Filter filter) {
        // given
        Random random = new Random(31L * n + k);
        FlatIndex index = new FlatIndex(DIMENSION);
        BruteForce reference = new BruteForce();
        for (int i = 0; i < n; i++) {
            float[] v = Reference.randomVector(random, DIMENSION);
            index.add("p" + i, v);
            reference.add("p" + i, v);
        }
        float[] query = Reference.randomVector(random, DIMENSION);
        Set<String> exclude = filter.excludes ? everyThirdIdAndAStranger(n) : Set.of();
        List<RefHit> ranking = reference.ranking(query, exclude);
        float minScore = filter.minScore ? minScoreKeepingAboutAThird(ranking) : SearchRequest.NO_MIN_SCORE;

        // when
        List<Hit> hits = index.search(new SearchRequest(query, k, exclude, minScore));

        // then
        assertMatches(hits, reference.search(query, k, exclude, minScore), ranking);
        assertThat(hits).noneMatch(hit -> exclude.contains(hit.id()));
        assertThat(hits).allSatisfy(hit -> assertThat(hit.score()).isGreaterThanOrEqualTo(minScore));
        if (filter.minScore && ranking.size() > 1) {
            assertThat(ranking).as("the threshold drops some eligible vectors")
                    .anySatisfy(hit -> assertThat(hit.score()).isLessThan(minScore));
        }
    }

    @Test
    void ten_thousand_vectors_added_one_at_a_time_still_search_like_brute_force() {
        // given
        Random random = new Random(10_000);
        FlatIndex index = new FlatIndex(8);
        BruteForce reference = new BruteForce();
        List<float[]> added = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            float[] v = Reference.randomVector(random, 8);
            index.add("p" + i, v);
            reference.add("p" + i, v);
            added.add(v);
        }

        // then
        assertThat(index.size()).isEqualTo(10_000);
        for (int q = 0; q < 5; q++) {
            float[] query = Reference.randomVector(random, 8);
            assertMatches(index.search(SearchRequest.of(query, 10)),
                    reference.search(query, 10, Set.of(), -1f), reference.ranking(query, Set.of()));
        }
        float[] query = Reference.randomVector(random, 8);
        List<RefHit> ranking = reference.ranking(query, Set.of());
        assertMatches(index.search(SearchRequest.of(query, 10_007)), ranking, ranking);
        for (int i : new int[] {0, 15, 16, 17, 4095, 4096, 9_999}) {
            assertThat(index.vector("p" + i).orElseThrow())
                    .as("p%d survived growth", i)
                    .containsExactly(toFloats(Reference.normalized(added.get(i))), within(1e-6f));
        }
    }

    @Test
    void storage_capacity_doubles_from_sixteen_vectors() {
        assertThat(FlatIndex.nextCapacity(0, 384)).isEqualTo(16);
        assertThat(FlatIndex.nextCapacity(16, 384)).isEqualTo(32);
        assertThat(FlatIndex.nextCapacity(1 << 20, 384)).isEqualTo(1 << 21);
    }

    @Test
    void storage_capacity_stops_at_the_largest_float_array_and_then_refuses_to_grow() {
        int max = FlatIndex.maxVectors(384);

        assertThat((long) max * 384).isLessThanOrEqualTo(FlatIndex.MAX_ARRAY_LENGTH)
                .isGreaterThan(FlatIndex.MAX_ARRAY_LENGTH - 384L);
        assertThat(FlatIndex.nextCapacity(4_000_000, 384)).isEqualTo(max);
        assertThat(FlatIndex.nextCapacity(max - 1, 384)).isEqualTo(max);
        assertThatIllegalStateException()
                .isThrownBy(() -> FlatIndex.nextCapacity(max, 384))
                .withMessageContaining(max + " vectors of dimension 384")
                .withMessageContaining("largest float[]");
        assertThat(FlatIndex.nextCapacity(0, FlatIndex.MAX_ARRAY_LENGTH)).isEqualTo(1);
    }

    @ParameterizedTest(name = "dimension {0}")
    @ValueSource(ints = {0, -1, Integer.MAX_VALUE})
    void dimension_must_fit_in_one_array(int dimension) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new FlatIndex(dimension))
                .withMessage("dimension must be in [1, 2147483639] but was " + dimension);
    }

    @Test
    void concurrent_searches_on_a_built_index_agree_with_a_single_thread() throws Exception {
        // given
        Random random = new Random(77);
        FlatIndex index = new FlatIndex(DIMENSION);
        for (int i = 0; i < 2_000; i++) {
            index.add("p" + i, Reference.randomVector(random, DIMENSION));
        }
        List<SearchRequest> requests = IntStream.range(0, 50)
                .mapToObj(i -> SearchRequest.of(Reference.randomVector(random, DIMENSION), 10)).toList();
        List<List<Hit>> expected = requests.stream().map(index::search).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            // when
            List<Future<List<List<Hit>>>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> requests.stream().map(index::search).toList()));
            }

            // then
            for (Future<List<List<Hit>>> result : results) {
                assertThat(result.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void searches_running_while_vectors_are_added_see_consistent_results() throws Exception {
        // given
        Random random = new Random(78);
        FlatIndex index = new FlatIndex(DIMENSION);
        List<float[]> vectors = IntStream.range(0, 3_000)
                .mapToObj(i -> Reference.randomVector(random, DIMENSION)).toList();
        for (int i = 0; i < 100; i++) {
            index.add("p" + i, vectors.get(i));
        }
        float[] query = Reference.randomVector(random, DIMENSION);
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> readers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                readers.add(pool.submit(() -> {
                    int searches = 0;
                    while (writing.get() || searches == 0) {
                        List<Hit> hits = index.search(SearchRequest.of(query, 25));
                        assertThat(hits).hasSize(25);
                        assertThat(hits).extracting(Hit::id).doesNotHaveDuplicates();
                        assertThat(hits).extracting(Hit::score).isSortedAccordingTo(Comparator.reverseOrder());
                        searches++;
                    }
                    return searches;
                }));
            }

            // when
            for (int i = 100; i < vectors.size(); i++) {
                index.add("p" + i, vectors.get(i));
            }
            writing.set(false);

            // then
            for (Future<Integer> reader : readers) {
                assertThat(reader.get()).isPositive();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(index.size()).isEqualTo(3_000);
    }

    /** Scores match the reference; ids match too, except where a near-tie lets float rounding swap two. */
    private static void assertMatches(List<Hit> actual, List<RefHit> expected, List<RefHit> ranking) {
        Map<String, Double> referenceScores = ranking.stream()
                .collect(Collectors.toMap(RefHit::id, RefHit::score));
        assertThat(actual).hasSameSizeAs(expected);
        assertThat(actual).extracting(Hit::id).doesNotHaveDuplicates();
        for (int i = 0; i < actual.size(); i++) {
            Hit hit = actual.get(i);
            RefHit want = expected.get(i);
            assertThat((double) hit.score()).as("score at rank %d", i)
                    .isCloseTo(want.score(), within(SCORE_TOLERANCE));
            if (!hit.id().equals(want.id())) {
                assertThat(referenceScores.get(hit.id()))
                        .as("%s at rank %d where the reference has %s; only a near-tie may swap", hit.id(), i, want.id())
                        .isNotNull()
                        .isCloseTo(want.score(), within(SCORE_TOLERANCE));
            }
        }
    }

    private static Set<String> everyThirdIdAndAStranger(int n) {
        Set<String> ids = new HashSet<>();
        for (int i = 1; i < n; i += 3) {
            ids.add("p" + i);
        }
        ids.add("not-in-the-index");
        return ids;
    }

    /** A threshold in a clear gap of the ranking, so float rounding cannot move a hit across it. */
    private static float minScoreKeepingAboutAThird(List<RefHit> ranking) {
        if (ranking.isEmpty()) {
            return 0f;
        }
        for (int i = Math.max(0, ranking.size() / 3 - 1); i + 1 < ranking.size(); i++) {
            double upper = ranking.get(i).score();
            double lower = ranking.get(i + 1).score();
            if (upper - lower > 1e-4) {
                return (float) ((upper + lower) / 2);
            }
        }
        return (float) Math.max(-1, ranking.get(ranking.size() - 1).score() - 1e-3);
    }

    private static float[] toFloats(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }
}
