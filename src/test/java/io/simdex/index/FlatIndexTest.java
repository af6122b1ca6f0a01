package io.simdex.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.simdex.index.IndexOptions.Storage;
import io.simdex.kernels.Reference;
import io.simdex.kernels.Reference.BruteForce;
import io.simdex.kernels.Reference.RefHit;
import io.simdex.kernels.Reference.RefPair;
import io.simdex.kernels.VectorMath;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * {@link FlatIndex} with the default storage on one thread; subclasses rerun every test with other
 * {@link IndexOptions} and a parallel threshold low enough to split even small scans.
 */
class FlatIndexTest extends VectorIndexContractTest {

    /** Not a multiple of 4 or 8, so the kernels' tail loops run on every vector. */
    private static final int DIMENSION = 19;

    /** Float dot products of unit vectors are this close to the double reference; a near-tie may swap order. */
    private static final double SCORE_TOLERANCE = 1e-5;

    @TempDir
    Path spillDir;

    private final List<FlatIndex> created = new ArrayList<>();

    /** The options of every index this test creates. */
    IndexOptions options() {
        return IndexOptions.defaults().withThreads(1).withSpillDir(spillDir);
    }

    /** Work from which a scan splits into ranges. */
    int parallelThreshold() {
        return FlatIndex.DEFAULT_PARALLEL_THRESHOLD;
    }

    /** Removed vectors from which an index compacts: low, so that small tests compact often. */
    int compactionFloor() {
        return 8;
    }

    /** A new index with this test's configuration, closed after the test. */
    FlatIndex flatIndex(int dimension) {
        FlatIndex index = new FlatIndex(dimension, options(), parallelThreshold(), compactionFloor());
        created.add(index);
        return index;
    }

    @Override
    protected VectorIndex newIndex(int dimension) {
        return flatIndex(dimension);
    }

    @AfterEach
    void closeIndexes() {
        created.forEach(FlatIndex::close);
    }

    enum Filter {
        NONE(false, false, false), EXCLUSIONS(true, false, false), MIN_SCORE(false, true, false),
        BOTH(true, true, false), MAX_SCORE(false, false, true), BAND(true, true, true);

        final boolean excludes;
        final boolean minScore;
        final boolean maxScore;

        Filter(boolean excludes, boolean minScore, boolean maxScore) {
            this.excludes = excludes;
            this.minScore = minScore;
            this.maxScore = maxScore;
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
        FlatIndex index = flatIndex(DIMENSION);
        BruteForce reference = new BruteForce();
        for (int i = 0; i < n; i++) {
            float[] v = Reference.randomVector(random, DIMENSION);
            index.add("p" + i, v);
            reference.add("p" + i, v);
        }
        float[] query = Reference.randomVector(random, DIMENSION);
        Set<String> exclude = filter.excludes ? everyThirdIdAndAStranger(n) : Set.of();
        List<RefHit> ranking = reference.ranking(query, exclude);
        float minScore = filter.minScore ? scoreInAGapBelowRank(ranking, ranking.size() / 3)
                : SearchRequest.NO_MIN_SCORE;
        float maxScore = filter.maxScore ? scoreInAGapBelowRank(ranking, ranking.size() / 4)
                : SearchRequest.NO_MAX_SCORE;

        // when
        List<Hit> hits = index.search(new SearchRequest(query, k, exclude, minScore, maxScore));

        // then
        assertMatches(hits, reference.search(query, k, exclude, minScore, maxScore), ranking);
        assertThat(hits).noneMatch(hit -> exclude.contains(hit.id()));
        assertThat(hits).allSatisfy(hit -> assertThat(hit.score()).isBetween(minScore, maxScore));
        if (filter.minScore && ranking.size() > 1) {
            assertThat(ranking).as("the threshold drops some eligible vectors")
                    .anySatisfy(hit -> assertThat(hit.score()).isLessThan(minScore));
        }
        if (filter.maxScore && !ranking.isEmpty()) {
            assertThat(ranking).as("the ceiling drops some eligible vectors")
                    .anySatisfy(hit -> assertThat(hit.score()).isGreaterThan(maxScore));
        }
    }

    @Test
    void ten_thousand_vectors_added_one_at_a_time_still_search_like_brute_force() {
        // given
        Random random = new Random(10_000);
        FlatIndex index = flatIndex(8);
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

    static Stream<Arguments> pairSizesAndThresholds() {
        List<Arguments> cases = new ArrayList<>();
        for (int n : new int[] {0, 1, 2, 7, 8, 9, 33, 100, 500}) {
            for (float minScore : new float[] {-1f, 0f, 0.3f, 0.9f, 0.9999f, 1f}) {
                cases.add(Arguments.of(n, DIMENSION, minScore));
            }
        }
        // two segments of 4096 vectors; at 8 dimensions about 0.05 % of random pairs score 0.9 or more
        for (float minScore : new float[] {0.9f, 0.9999f, 1f}) {
            cases.add(Arguments.of(4_100, 8, minScore));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "n={0}, dimension {1}, minScore {2}")
    @MethodSource("pairSizesAndThresholds")
    void pairs_at_or_above_match_a_double_precision_all_pairs_reference(int n, int dimension, float minScore) {
        // given: random vectors, every fifth a scaled copy of an earlier one, so some pairs score 1 and tie
        Random random = new Random(7L * n + dimension);
        FlatIndex index = flatIndex(dimension);
        BruteForce reference = new BruteForce();
        List<float[]> added = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] v = i % 5 == 4 ? scaled(added.get(i - 3), 4f) : Reference.randomVector(random, dimension);
            added.add(v);
            index.add("p" + i, v);
            reference.add("p" + i, v);
        }

        // when
        List<ScoredPair> pairs = index.pairsAtOrAbove(minScore, Integer.MAX_VALUE);

        // then
        assertPairsMatch(pairs, reference.pairsAtOrAbove(minScore - SCORE_TOLERANCE), minScore);
        if (minScore == -1f) {
            assertThat(pairs).hasSize(n * (n - 1) / 2);
        }
        if (minScore >= 0.9f && minScore < 1f && n >= 9) {
            // copies score 1 give or take an ulp, so a threshold of exactly 1 may miss them (see the Javadoc)
            assertThat(pairs).as("the planted copies").hasSizeGreaterThanOrEqualTo(n / 5);
        }
    }

    @Test
    void pair_scores_are_the_scan_order_dot_of_the_stored_vectors_and_what_search_returns() {
        // given
        Random random = new Random(11);
        FlatIndex index = flatIndex(DIMENSION);
        for (int i = 0; i < 300; i++) {
            index.add("p" + i, Reference.randomVector(random, DIMENSION));
        }

        // when
        List<ScoredPair> pairs = index.pairsAtOrAbove(0.2f, Integer.MAX_VALUE);

        // then
        assertThat(pairs).hasSizeGreaterThan(1_000);
        for (ScoredPair pair : pairs) {
            float[] first = index.vector(pair.first()).orElseThrow();
            float[] second = index.vector(pair.second()).orElseThrow();
            assertThat(pair.score()).as("%s", pair).isEqualTo(VectorMath.dotInScanOrder(first, second))
                    .isEqualTo(VectorMath.dotInScanOrder(second, first));
        }
        for (ScoredPair pair : pairs.subList(0, 50)) {
            float[] first = index.vector(pair.first()).orElseThrow();
            Hit hit = index.search(SearchRequest.of(first, 300)).stream()
                    .filter(h -> h.id().equals(pair.second())).findFirst().orElseThrow();
            assertThat(hit.score()).as("%s", pair).isCloseTo(pair.score(), within(1e-6f));
        }
    }

    @Test
    void pairs_are_identical_to_those_of_a_single_thread_float32_index_on_the_same_vectors() {
        // given: enough vectors for the parallel path of every subclass, and many exact duplicates
        Random random = new Random(12);
        FlatIndex index = flatIndex(DIMENSION);
        try (FlatIndex plain = new FlatIndex(DIMENSION, IndexOptions.defaults().withThreads(1))) {
            List<float[]> distinct = new ArrayList<>();
            for (int i = 0; i < 700; i++) {
                distinct.add(Reference.randomVector(random, DIMENSION));
            }
            for (int i = 0; i < 1_000; i++) {
                float[] v = distinct.get(random.nextInt(distinct.size()));
                index.add("p" + i, v);
                plain.add("p" + i, v);
            }

            // then
            for (float minScore : new float[] {-0.2f, 0.5f, 0.9999f}) {
                assertThat(index.pairsAtOrAbove(minScore, Integer.MAX_VALUE)).as("minScore %s", minScore)
                        .isEqualTo(plain.pairsAtOrAbove(minScore, Integer.MAX_VALUE));
            }
        }
    }

    @Test
    void too_many_pairs_stop_the_scan_however_it_is_split() {
        // given: 124,750 pairs in all
        Random random = new Random(13);
        FlatIndex index = flatIndex(DIMENSION);
        for (int i = 0; i < 500; i++) {
            index.add("p" + i, Reference.randomVector(random, DIMENSION));
        }
        int all = 500 * 499 / 2;

        // then
        assertThatThrownBy(() -> index.pairsAtOrAbove(-1f, all - 1))
                .isInstanceOf(TooManyPairsException.class)
                .hasMessage("more than " + (all - 1) + " pairs score >= -1.0; raise the threshold");
        assertThatThrownBy(() -> index.pairsAtOrAbove(-1f, 1_000)).isInstanceOf(TooManyPairsException.class);
        assertThat(index.pairsAtOrAbove(-1f, all)).hasSize(all);
    }

    @ParameterizedTest(name = "dimension {0}")
    @ValueSource(ints = {0, -1, Integer.MAX_VALUE})
    void dimension_must_be_positive_and_at_most_the_maximum(int dimension) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new FlatIndex(dimension))
                .withMessage("dimension must be in [1, " + FlatIndex.MAX_DIMENSION + "] but was " + dimension);
    }

    @Test
    void concurrent_searches_on_a_built_index_agree_with_a_single_thread() throws Exception {
        // given
        Random random = new Random(77);
        FlatIndex index = flatIndex(DIMENSION);
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
        FlatIndex index = flatIndex(DIMENSION);
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

    static Stream<Arguments> sizesAndAllowedShares() {
        List<Arguments> cases = new ArrayList<>();
        for (int n : new int[] {1, 7, 100, 1000}) {
            for (double share : new double[] {0, 0.01, 0.2, 0.9}) {
                cases.add(Arguments.of(n, share));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "n={0}, {1} of the ids allowed")
    @MethodSource("sizesAndAllowedShares")
    void a_filter_returns_exactly_the_reference_top_k_among_the_allowed_ids(int n, double share) {
        // given: a random allow-list, with ids the index never held
        Random random = new Random(17L * n + (long) (share * 100));
        FlatIndex index = flatIndex(DIMENSION);
        LiveReference reference = new LiveReference();
        Set<String> allowed = new HashSet<>(Set.of("stranger"));
        for (int i = 0; i < n; i++) {
            float[] v = Reference.randomVector(random, DIMENSION);
            index.add("p" + i, v);
            reference.add("p" + i, v);
            if (random.nextDouble() < share) {
                allowed.add("p" + i);
            }
        }
        float[] query = Reference.randomVector(random, DIMENSION);
        int accepted = allowed.size() - 1;
        List<RefHit> ranking = reference.ranking(query, Set.of(), allowed::contains);
        List<SearchRequest> requests = new ArrayList<>();
        for (int k : new TreeSet<>(List.of(1, 5, Math.max(1, accepted), accepted + 7, n + 1))) {
            requests.add(SearchRequest.of(query, k).withFilter(allowed::contains));
        }
        Set<String> exclude = Set.of("p0", "p3");
        float minScore = scoreInAGapBelowRank(ranking, ranking.size() / 2);
        requests.add(new SearchRequest(query, 5, exclude, minScore).withFilter(allowed::contains));

        // when
        List<List<Hit>> searches = requests.stream().map(index::search).toList();

        // then
        for (int r = 0; r < requests.size(); r++) {
            SearchRequest request = requests.get(r);
            List<Hit> hits = searches.get(r);
            assertMatches(hits, reference.search(query, request.k(), request.excludeIds(), request.minScore(),
                    request.maxScore(), allowed::contains), reference.ranking(query, request.excludeIds(),
                    allowed::contains));
            assertThat(hits).extracting(Hit::id).allMatch(allowed::contains);
        }
        assertThat(searches.get(0)).hasSize(Math.min(1, accepted));
        assertThat(index.searchBatch(requests)).isEqualTo(searches);
    }

    static Stream<Arguments> mutationSequences() {
        return Stream.of(
                Arguments.of(0, 200, DIMENSION),
                Arguments.of(7, 400, DIMENSION),
                Arguments.of(33, 500, 384),
                Arguments.of(300, 1_500, DIMENSION),
                Arguments.of(1_000, 3_000, 8));
    }

    @ParameterizedTest(name = "{0} vectors, then {1} random adds, puts and removes, dimension {2}")
    @MethodSource("mutationSequences")
    void random_adds_puts_and_removes_search_like_a_brute_force_reference(int initial, int operations,
            int dimension) {
        // given: a few popular vectors that many ids share, so ties span puts and compactions
        Random random = new Random(1_000L * initial + operations + dimension);
        FlatIndex index = flatIndex(dimension);
        LiveReference reference = new LiveReference();
        List<float[]> popular = IntStream.range(0, 4).mapToObj(i -> Reference.randomVector(random, dimension))
                .toList();
        Set<String> gone = new HashSet<>();
        int next = 0;
        for (; next < initial; next++) {
            float[] v = newVector(random, popular);
            index.add("p" + next, v);
            reference.add("p" + next, v);
        }

        // when / then
        for (int op = 1; op <= operations; op++) {
            List<String> held = reference.ids();
            double roll = random.nextDouble();
            if (held.isEmpty() || roll < 0.3) {
                float[] v = newVector(random, popular);
                index.add("p" + next, v);
                reference.add("p" + next++, v);
            } else if (roll < 0.45) {
                float[] v = newVector(random, popular);
                index.put("p" + next, v);
                reference.put("p" + next++, v);
            } else if (roll < 0.7) {
                String id = held.get(random.nextInt(held.size()));
                float[] v = newVector(random, popular);
                index.put(id, v);
                reference.put(id, v);
            } else if (roll < 0.97) {
                String id = held.get(random.nextInt(held.size()));
                assertThat(index.remove(id)).as("remove %s", id).isTrue();
                reference.remove(id);
                gone.add(id);
            } else {
                String id = gone.isEmpty() || random.nextBoolean() ? "stranger" : gone.iterator().next();
                assertThat(index.remove(id)).as("remove %s again", id).isEqualTo(reference.remove(id));
            }
            if (op % Math.max(1, operations / 6) == 0) {
                gone.removeIf(reference::contains);
                assertAgreesWithReference(index, reference, gone, popular, random);
            }
        }
        assertThat(index.compactions()).as("compactions during the sequence").isPositive();
    }

    @Test
    void compaction_keeps_the_live_vectors_bit_for_bit_in_insertion_order_and_drops_the_removed_ones() {
        // given: 100 vectors, then every third removed and every fifth replaced
        Random random = new Random(21);
        FlatIndex index = flatIndex(DIMENSION);
        for (int i = 0; i < 100; i++) {
            index.add("p" + i, Reference.randomVector(random, DIMENSION));
        }
        for (int i = 0; i < 100; i += 5) {
            index.put("p" + i, Reference.randomVector(random, DIMENSION));
        }
        Map<String, float[]> before = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            before.put("p" + i, index.vector("p" + i).orElseThrow());
        }
        float[] query = Reference.randomVector(random, DIMENSION);
        List<Hit> ranking = index.search(SearchRequest.of(query, 200));
        List<ScoredPair> pairs = index.pairsAtOrAbove(0.3f, Integer.MAX_VALUE);

        // when: the 11th removal makes 31 of the 120 stored vectors removed, more than a quarter; 15 follow
        for (int i = 1; i <= 78; i += 3) {
            index.remove("p" + i);
            before.remove("p" + i);
        }

        // then
        assertThat(index.compactions()).isEqualTo(1);
        assertThat(index.stats().removed()).isEqualTo(15);
        assertThat(index.stats().size()).isEqualTo(74);
        before.forEach((id, v) -> assertThat(index.vector(id)).as(id).hasValueSatisfying(
                stored -> assertThat(stored).containsExactly(v)));
        assertThat(index.search(SearchRequest.of(query, 200)))
                .containsExactlyElementsOf(ranking.stream().filter(hit -> before.containsKey(hit.id())).toList());
        assertThat(index.pairsAtOrAbove(0.3f, Integer.MAX_VALUE)).containsExactlyElementsOf(pairs.stream()
                .filter(pair -> before.containsKey(pair.first()) && before.containsKey(pair.second())).toList());
    }

    @Test
    void removals_below_the_default_floor_stay_in_storage_until_compaction() {
        // given
        FlatIndex index = new FlatIndex(4, options(), parallelThreshold());
        created.add(index);
        for (int i = 0; i < 100; i++) {
            index.add("p" + i, new float[] {1f, i, 0f, 0f});
        }

        // when
        for (int i = 0; i < 99; i++) {
            index.remove("p" + i);
        }

        // then
        assertThat(index.compactions()).isZero();
        assertThat(index.stats().removed()).isEqualTo(99);
        assertThat(index.stats().size()).isEqualTo(1);
        assertThat(index.search(SearchRequest.of(new float[] {1f, 0f, 0f, 0f}, 10))).extracting(Hit::id)
                .containsExactly("p99");
        assertThat(index.pairsAtOrAbove(-1f, 10)).isEmpty();
    }

    @Test
    void searches_running_while_vectors_are_put_and_removed_only_see_live_vectors_with_their_scores()
            throws Exception {
        // given: 300 live vectors, kept between 200 and 400 by the writer
        Random random = new Random(79);
        FlatIndex index = flatIndex(DIMENSION);
        LiveHistory history = new LiveHistory();
        List<float[]> popular = IntStream.range(0, 3).mapToObj(i -> Reference.randomVector(random, DIMENSION))
                .toList();
        Set<String> live = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            float[] v = newVector(random, popular);
            history.put("p" + i, v, 0);
            index.add("p" + i, v);
            live.add("p" + i);
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Integer>> readers = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                int reader = t;
                readers.add(pool.submit(() -> readWhileWriting(index, history, writing, reader)));
            }

            // when: 3,000 puts and removes, each stamped with the number of writes done once it is
            for (int write = 1; write <= 3_000; write++) {
                String id = "p" + random.nextInt(450);
                if (live.contains(id) && (live.size() > 200 && random.nextInt(3) == 0 || live.size() >= 400)) {
                    history.remove(id, write);
                    assertThat(index.remove(id)).isTrue();
                    live.remove(id);
                } else {
                    float[] v = newVector(random, popular);
                    history.put(id, v, write);
                    index.put(id, v);
                    live.add(id);
                }
                history.written(write);
            }
            writing.set(false);

            // then
            for (Future<Integer> reader : readers) {
                assertThat(reader.get()).isPositive();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(index.size()).isEqualTo(live.size());
        assertThat(index.compactions()).isPositive();
    }

    @ParameterizedTest(name = "dimension {0}, n={1}")
    @CsvSource({"19, 1", "19, 7", "19, 1000", "384, 300", "8, 5000"})
    void search_batch_returns_exactly_what_search_returns_for_each_request(int dimension, int n) {
        // given: more requests than one query group, each with its own k, exclusions and threshold
        Random random = new Random(dimension * 1_000L + n);
        FlatIndex index = flatIndex(dimension);
        for (int i = 0; i < n; i++) {
            index.add("p" + i, Reference.randomVector(random, dimension));
        }
        List<SearchRequest> requests = new ArrayList<>();
        for (int r = 0; r < BlockScorer.QUERY_GROUP + 7; r++) {
            int k = List.of(1, 3, 10, n, n + 5).get(r % 5);
            Set<String> exclude = r % 3 == 0 ? Set.copyOf(List.of("p0", "p" + (n / 2), "stranger")) : Set.of();
            float minScore = r % 4 == 1 ? 0.1f : SearchRequest.NO_MIN_SCORE;
            float maxScore = r % 6 >= 4 ? 0.3f : SearchRequest.NO_MAX_SCORE;
            requests.add(new SearchRequest(Reference.randomVector(random, dimension), k, exclude, minScore,
                    maxScore));
        }

        // when
        List<List<Hit>> batch = index.searchBatch(requests);

        // then
        assertThat(batch).containsExactlyElementsOf(requests.stream().map(index::search).toList());
    }

    @Test
    void search_batch_rejects_a_wrong_dimension_naming_the_request() {
        FlatIndex index = flatIndex(4);
        index.add("p", new float[] {1f, 0f, 0f, 0f});
        List<SearchRequest> requests = List.of(SearchRequest.of(new float[] {1f, 0f, 0f, 0f}, 1),
                SearchRequest.of(new float[] {1f, 0f}, 1));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> index.searchBatch(requests))
                .withMessage("request 1: query has dimension 2 but the index has dimension 4");
    }

    @Test
    void vector_storage_stays_within_ten_percent_of_the_raw_size_for_a_large_index() {
        // given
        int n = 100_000;
        int dimension = 384;
        FlatIndex index = flatIndex(dimension);
        Random random = new Random(100_000);
        List<String> ids = new ArrayList<>();
        float[][] vectors = new float[10_000][];
        for (int i = 0; i < n; i++) {
            ids.add("p" + i);
            vectors[i % vectors.length] = Reference.randomVector(random, dimension);
            if (ids.size() == vectors.length) {
                index.addAll(ids, vectors);
                ids.clear();
            }
        }

        // when
        IndexStats stats = index.stats();

        // then
        long raw = (long) n * dimension * Float.BYTES;
        assertThat(stats.size()).isEqualTo(n);
        assertThat(stats.rawFloatBytes()).isEqualTo(raw);
        if (stats.storage() == Storage.FLOAT32) {
            assertThat(stats.heapBytes()).isBetween(raw, raw + raw / 10);
            assertThat(stats.offHeapBytes()).isZero();
        } else {
            long codesAndScales = (long) n * (dimension + Float.BYTES);
            assertThat(stats.heapBytes()).isBetween(codesAndScales, codesAndScales + codesAndScales / 10);
            assertThat(stats.offHeapBytes()).isBetween(raw, raw + raw / 10);
        }
        assertThat(index.vector("p99999")).isPresent();
    }

    @Test
    void a_small_index_allocates_room_for_sixteen_vectors_not_a_whole_segment() {
        FlatIndex index = flatIndex(384);

        index.add("p", Reference.randomVector(new Random(1), 384));

        long sixteenVectors = 16L * 384 * (index.stats().storage() == Storage.FLOAT32 ? Float.BYTES : 1);
        assertThat(index.stats().heapBytes()).isBetween(384L, sixteenVectors + 16L * Float.BYTES);
    }

    @Test
    void stats_describe_the_index() {
        FlatIndex index = flatIndex(DIMENSION);
        index.add("a", Reference.randomVector(new Random(2), DIMENSION));
        index.add("b", Reference.randomVector(new Random(3), DIMENSION));

        IndexStats stats = index.stats();

        assertThat(stats.size()).isEqualTo(2);
        assertThat(stats.dimension()).isEqualTo(DIMENSION);
        assertThat(stats.storage()).isEqualTo(options().storage());
        assertThat(stats.threads()).isEqualTo(options().threads());
        assertThat(stats.kernels()).isEqualTo(VectorMath.implementation());
        assertThat(stats.heapBytes()).isPositive();
    }

    @Test
    void add_all_adds_in_order_under_the_given_ids() {
        FlatIndex index = flatIndex(4);

        index.addAll(List.of("x", "y", "xy"), new float[][] {{1, 0, 0, 0}, {0, 1, 0, 0}, {1, 1, 0, 0}});

        assertThat(index.size()).isEqualTo(3);
        assertThat(index.search(SearchRequest.of(new float[] {1, 1, 0, 0}, 3))).extracting(Hit::id)
                .containsExactly("xy", "x", "y");
    }

    @Test
    void add_all_adds_nothing_when_one_entry_is_bad() {
        FlatIndex index = flatIndex(4);
        index.add("x", new float[] {1, 0, 0, 0});
        float[][] two = {{0, 1, 0, 0}, {0, 0, 1, 0}};

        assertThatIllegalArgumentException()
                .isThrownBy(() -> index.addAll(List.of("new", "x"), two))
                .withMessage("id 'x' is already in the index");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> index.addAll(List.of("twice", "twice"), two))
                .withMessage("id 'twice' appears more than once in the batch");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> index.addAll(List.of("a", "b"), new float[][] {{0, 1, 0, 0}, {0, 0, 0, 0}}))
                .withMessageContaining("'b'").withMessageContaining("zero vector");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> index.addAll(List.of("a"), two))
                .withMessage("got 1 ids but 2 vectors; they must pair up");
        assertThat(index.size()).isEqualTo(1);
        assertThat(index.contains("new")).isFalse();
    }

    @Test
    void a_closed_index_refuses_vector_work_but_still_reports_its_size() {
        FlatIndex index = flatIndex(4);
        index.add("x", new float[] {1, 0, 0, 0});

        index.close();
        index.close();

        assertThat(index.size()).isEqualTo(1);
        assertThat(index.contains("x")).isTrue();
        assertThatIllegalStateException().isThrownBy(() -> index.search(SearchRequest.of(new float[] {1, 0, 0, 0}, 1)))
                .withMessage("the index is closed");
        assertThatIllegalStateException()
                .isThrownBy(() -> index.searchBatch(List.of(SearchRequest.of(new float[] {1, 0, 0, 0}, 1))));
        assertThatIllegalStateException().isThrownBy(() -> index.add("y", new float[] {0, 1, 0, 0}));
        assertThatIllegalStateException().isThrownBy(() -> index.put("x", new float[] {0, 1, 0, 0}));
        assertThatIllegalStateException().isThrownBy(() -> index.remove("x"));
        assertThatIllegalStateException().isThrownBy(() -> index.vector("x"));
        assertThatIllegalStateException().isThrownBy(() -> index.pairsAtOrAbove(0.5f, 10))
                .withMessage("the index is closed");
    }

    @Test
    void options_are_required() {
        assertThatNullPointerException().isThrownBy(() -> new FlatIndex(4, null)).withMessage("options");
    }

    /** A random vector, or one time in ten an exact copy of a popular one. */
    private static float[] newVector(Random random, List<float[]> popular) {
        if (random.nextInt(10) == 0) {
            return popular.get(random.nextInt(popular.size())).clone();
        }
        return Reference.randomVector(random, popular.get(0).length);
    }

    /**
     * Reads, searches (single, batch, with exclusions and score bands) and pairs agree with the reference, and
     * are identical to those of a single-thread float index built from the live vectors in insertion order.
     */
    private void assertAgreesWithReference(FlatIndex index, LiveReference reference, Set<String> gone,
            List<float[]> popular, Random random) {
        int dimension = index.dimension();
        List<String> held = reference.ids();
        assertThat(index.size()).isEqualTo(held.size());
        assertThat(gone).noneMatch(index::contains);
        assertThat(gone).allSatisfy(id -> assertThat(index.vector(id)).isEmpty());
        try (FlatIndex rebuilt = new FlatIndex(dimension, IndexOptions.defaults().withThreads(1))) {
            rebuilt.addAll(held, held.stream().map(reference::vector).toArray(float[][]::new));
            for (String id : held) {
                assertThat(index.vector(id)).as(id)
                        .hasValueSatisfying(v -> assertThat(v).containsExactly(rebuilt.vector(id).orElseThrow()));
            }
            List<SearchRequest> requests = new ArrayList<>();
            for (int r = 0; r < 8; r++) {
                float[] query = r % 4 == 0 ? popular.get(r / 4) : Reference.randomVector(random, dimension);
                int k = List.of(1, 10, held.size(), held.size() + 3).get(r % 4);
                Set<String> exclude = new HashSet<>();
                if (r % 3 == 1) {
                    random.ints(3, 0, Math.max(1, held.size())).filter(i -> i < held.size())
                            .forEach(i -> exclude.add(held.get(i)));
                    gone.stream().limit(2).forEach(exclude::add);
                    exclude.add("stranger");
                }
                List<RefHit> ranking = reference.ranking(query, exclude, id -> true);
                float minScore = r == 5 ? scoreInAGapBelowRank(ranking, ranking.size() / 2) : SearchRequest.NO_MIN_SCORE;
                float maxScore = r == 4 || r == 6 ? scoreInAGapBelowRank(ranking, 3) : SearchRequest.NO_MAX_SCORE;
                requests.add(new SearchRequest(query, Math.max(1, k), exclude, minScore, maxScore));
            }
            // a fifth of the held ids, some that are gone and a stranger, with k below and above their number
            Set<String> allowed = new HashSet<>(Set.of("stranger"));
            held.stream().filter(id -> random.nextInt(5) == 0).forEach(allowed::add);
            gone.stream().limit(5).forEach(allowed::add);
            for (int k : List.of(1, 3, held.size() / 5 + 10)) {
                float[] query = k == 3 ? popular.get(0) : Reference.randomVector(random, dimension);
                requests.add(SearchRequest.of(query, k).withFilter(allowed::contains));
            }
            for (SearchRequest request : requests) {
                List<Hit> hits = index.search(request);
                assertMatches(hits, reference.search(request.query(), request.k(), request.excludeIds(),
                        request.minScore(), request.maxScore(), request.filter()),
                        reference.ranking(request.query(), request.excludeIds(), request.filter()));
                assertThat(hits).as("%s", request).isEqualTo(rebuilt.search(request));
            }
            assertThat(index.searchBatch(requests)).isEqualTo(requests.stream().map(index::search).toList());
            float minScore = (float) Math.min(0.95, 2.5 / Math.sqrt(dimension));
            List<ScoredPair> pairs = index.pairsAtOrAbove(minScore, Integer.MAX_VALUE);
            assertPairsMatch(pairs, reference.pairsAtOrAbove(minScore - SCORE_TOLERANCE), minScore);
            assertThat(pairs).isEqualTo(rebuilt.pairsAtOrAbove(minScore, Integer.MAX_VALUE));
        }
    }

    /**
     * Filtered searches (one reader), batches (another) and searches with pair scans now and then (the third)
     * until the writer is done;
     * every hit and pair must be a vector live at some moment of the read, with the score its stored copy gives.
     */
    private static int readWhileWriting(FlatIndex index, LiveHistory history, AtomicBoolean writing, int reader) {
        Random random = new Random(reader);
        int reads = 0;
        while (writing.get() || reads == 0) {
            int before = history.written();
            if (reader == 2 && reads % 10 == 9) {
                List<ScoredPair> pairs = index.pairsAtOrAbove(0.6f, Integer.MAX_VALUE);
                int after = history.written();
                for (ScoredPair pair : pairs) {
                    assertThat(history.heldPair(pair, before, after)).as("%s between writes %d and %d", pair,
                            before, after).isTrue();
                }
            } else {
                Predicate<String> filter = reader == 0 ? id -> id.hashCode() % 2 == 0 : SearchRequest.NO_FILTER;
                List<SearchRequest> requests = List.of(
                        SearchRequest.of(Reference.randomVector(random, DIMENSION), 10).withFilter(filter),
                        SearchRequest.of(Reference.randomVector(random, DIMENSION), 25));
                List<List<Hit>> results = reader == 1 ? index.searchBatch(requests)
                        : List.of(index.search(requests.get(0)));
                int after = history.written();
                for (int r = 0; r < results.size(); r++) {
                    List<Hit> hits = results.get(r);
                    float[] query = requests.get(r).query();
                    VectorMath.normalizeInPlace(query);
                    assertThat(hits).hasSize(requests.get(r).k());
                    assertThat(hits).extracting(Hit::id).doesNotHaveDuplicates().allMatch(requests.get(r).filter());
                    assertThat(hits).extracting(Hit::score).isSortedAccordingTo(Comparator.reverseOrder());
                    for (Hit hit : hits) {
                        assertThat(history.held(hit.id(), before, after, query, hit.score()))
                                .as("%s between writes %d and %d", hit, before, after).isTrue();
                    }
                }
            }
            reads++;
        }
        return reads;
    }

    /** Which vector each id held over which writes, so a reader can check what it saw while writes went on. */
    private static final class LiveHistory {

        /** A vector held from state {@code from} (after that many writes) to just before state {@code until}. */
        private static final class Span {
            final float[] unit;
            final int from;
            volatile int until = Integer.MAX_VALUE;

            Span(float[] unit, int from) {
                this.unit = unit;
                this.from = from;
            }
        }

        private final Map<String, List<Span>> spans = new ConcurrentHashMap<>();
        private final AtomicInteger written = new AtomicInteger();

        /** Write number {@code write} puts {@code vector} under {@code id}; called before the index sees it. */
        void put(String id, float[] vector, int write) {
            remove(id, write);
            float[] unit = vector.clone();
            VectorMath.normalizeInPlace(unit);
            spans.computeIfAbsent(id, key -> new CopyOnWriteArrayList<>()).add(new Span(unit, write));
        }

        /** Write number {@code write} removes {@code id}; called before the index sees it. */
        void remove(String id, int write) {
            List<Span> held = spans.get(id);
            if (held != null && held.get(held.size() - 1).until == Integer.MAX_VALUE) {
                held.get(held.size() - 1).until = write;
            }
        }

        /** Write number {@code write} is done. */
        void written(int write) {
            written.set(write);
        }

        int written() {
            return written.get();
        }

        /**
         * Whether {@code id} held, in a state a read between these write counts could see, a vector that scores
         * exactly {@code score} against the unit query. The read saw at least {@code before} writes, and at most
         * one more than {@code after}: the writer may have finished a write but not yet counted it.
         */
        boolean held(String id, int before, int after, float[] unitQuery, float score) {
            return spansSeen(id, before, after).stream()
                    .anyMatch(span -> VectorMath.dotInScanOrder(unitQuery, span.unit) == score);
        }

        boolean heldPair(ScoredPair pair, int before, int after) {
            List<Span> seconds = spansSeen(pair.second(), before, after);
            return spansSeen(pair.first(), before, after).stream().anyMatch(first -> seconds.stream()
                    .anyMatch(second -> VectorMath.dotInScanOrder(first.unit, second.unit) == pair.score()));
        }

        private List<Span> spansSeen(String id, int before, int after) {
            return spans.getOrDefault(id, List.of()).stream()
                    .filter(span -> span.from <= after + 1 && span.until > before).toList();
        }
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

    /**
     * The pairs are sorted by their own scores, then insertion order (the reference's); each is within tolerance
     * of the reference; and they are the reference's pairs, except those within tolerance of the threshold,
     * which float rounding may put on either side. {@code reference} reaches down to the threshold less the
     * tolerance.
     */
    private static void assertPairsMatch(List<ScoredPair> actual, List<RefPair> reference, float minScore) {
        Map<String, RefPair> expected = reference.stream()
                .collect(Collectors.toMap(p -> p.first() + "|" + p.second(), p -> p));
        Set<String> found = new HashSet<>();
        for (int i = 0; i < actual.size(); i++) {
            ScoredPair pair = actual.get(i);
            RefPair want = expected.get(pair.first() + "|" + pair.second());
            if (want == null || Math.abs(pair.score() - want.score()) > SCORE_TOLERANCE || pair.score() < minScore) {
                fail("%s at %d: the reference has %s", pair, i, want);
            }
            if (!found.add(pair.first() + "|" + pair.second())) {
                fail("%s appears twice", pair);
            }
            ScoredPair before = i == 0 ? null : actual.get(i - 1);
            if (before != null && (before.score() < pair.score() || (before.score() == pair.score()
                    && Arrays.compare(insertionOrders(before, expected), insertionOrders(pair, expected)) >= 0))) {
                fail("%s before %s at %d is out of order", before, pair, i);
            }
        }
        for (RefPair want : reference) {
            if (want.score() >= minScore + SCORE_TOLERANCE && !found.contains(want.first() + "|" + want.second())) {
                fail("%s is missing", want);
            }
        }
    }

    private static int[] insertionOrders(ScoredPair pair, Map<String, RefPair> reference) {
        RefPair known = reference.get(pair.first() + "|" + pair.second());
        return new int[] {known.firstOrder(), known.secondOrder()};
    }

    private static float[] scaled(float[] v, float factor) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * factor;
        }
        return out;
    }

    private static Set<String> everyThirdIdAndAStranger(int n) {
        Set<String> ids = new HashSet<>();
        for (int i = 1; i < n; i += 3) {
            ids.add("p" + i);
        }
        ids.add("not-in-the-index");
        return ids;
    }

    /**
     * A score in a clear gap of the ranking, so float rounding cannot move a hit across it: below about
     * {@code rank + 1} hits. A lower rank gives a score at least as high.
     */
    private static float scoreInAGapBelowRank(List<RefHit> ranking, int rank) {
        if (ranking.isEmpty()) {
            return 0f;
        }
        for (int i = Math.max(0, rank - 1); i + 1 < ranking.size(); i++) {
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
