package io.simdex.index;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.simdex.kernels.Reference;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Every {@link FlatIndexTest} again with three threads splitting every scan, however small. */
class ParallelFlatIndexTest extends FlatIndexTest {

    @Override
    IndexOptions options() {
        return super.options().withThreads(3);
    }

    @Override
    int parallelThreshold() {
        return 1;
    }

    @Test
    void parallel_scans_return_exactly_the_single_thread_results_ties_included() {
        // given: many exact duplicates, so equal scores straddle the range boundaries
        Random random = new Random(5);
        FlatIndex parallel = flatIndex(16);
        try (FlatIndex single = new FlatIndex(16, IndexOptions.defaults().withThreads(1))) {
            List<float[]> distinct = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                distinct.add(Reference.randomVector(random, 16));
            }
            for (int i = 0; i < 3_001; i++) {
                float[] v = distinct.get(random.nextInt(distinct.size()));
                parallel.add("p" + i, v);
                single.add("p" + i, v);
            }
            List<SearchRequest> requests = new ArrayList<>();
            for (int r = 0; r < 20; r++) {
                float[] query = r % 2 == 0 ? distinct.get(r) : Reference.randomVector(random, 16);
                // even r: a stored vector, whose many copies a ceiling below 1 drops
                requests.add(new SearchRequest(query, List.of(1, 7, 150, 4_000).get(r % 4),
                        r % 3 == 0 ? Set.of("p1", "p2000") : Set.of(), r % 5 == 0 ? 0.2f : -1f,
                        r % 4 == 2 ? 0.99f : SearchRequest.NO_MAX_SCORE));
            }

            // when
            List<List<Hit>> searches = requests.stream().map(parallel::search).toList();
            List<List<Hit>> batch = parallel.searchBatch(requests);

            // then
            List<List<Hit>> expected = requests.stream().map(single::search).toList();
            assertThat(searches).isEqualTo(expected);
            assertThat(batch).isEqualTo(expected);
        }
    }

    @Test
    void scan_threads_are_daemons_named_simdex_scan() throws Exception {
        FlatIndex index = flatIndex(4);
        for (int i = 0; i < 100; i++) {
            index.add("p" + i, Reference.randomVector(new Random(i), 4));
        }

        index.search(SearchRequest.of(new float[] {1, 0, 0, 0}, 3));

        assertThat(Thread.getAllStackTraces().keySet())
                .filteredOn(thread -> thread.getName().startsWith("simdex-scan-"))
                .isNotEmpty()
                .allMatch(Thread::isDaemon);
    }
}
