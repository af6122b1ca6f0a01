package io.simdex.index;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.simdex.kernels.Reference;
import io.simdex.kernels.VectorMath;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

class PairScanTest {

    private static final int DIMENSION = 8;

    private static VectorStore storeOf(int size) {
        VectorStore store = new Float32Store(SegmentLayout.forDimension(DIMENSION));
        Random random = new Random(size);
        for (int i = 0; i < size; i++) {
            float[] v = Reference.randomVector(random, DIMENSION);
            VectorMath.normalizeInPlace(v);
            store.append(v);
        }
        return store;
    }

    private static Set<List<Integer>> pairs(OrdinalPairs pairs) {
        Set<List<Integer>> out = new HashSet<>();
        for (int i = 0; i < pairs.size(); i++) {
            assertThat(out.add(List.of(pairs.first(i), pairs.second(i)))).as("pair %d is new", i).isTrue();
        }
        return out;
    }

    @Test
    void shares_split_the_pairs_without_overlap_and_together_find_them_all() {
        // given
        VectorStore store = storeOf(1_000);
        PairScan scan = new PairScan(store, 1_000, new BitSet(), 0.5f, Integer.MAX_VALUE);
        Set<List<Integer>> whole = pairs(scan.share(0, 1));

        // when
        List<Set<List<Integer>>> shares = new ArrayList<>();
        for (int share = 0; share < 3; share++) {
            shares.add(pairs(scan.share(share, 3)));
        }

        // then
        Set<List<Integer>> union = new HashSet<>();
        shares.forEach(union::addAll);
        assertThat(union).isEqualTo(whole).hasSize(shares.stream().mapToInt(Set::size).sum());
        assertThat(shares).allSatisfy(share -> assertThat(share).isNotEmpty());
        assertThat(scan.blocks()).isEqualTo(11);
    }

    @Test
    void removed_ordinals_are_in_no_pair_and_the_other_pairs_are_unchanged() {
        // given: every seventh ordinal removed, and a whole query block at the start
        VectorStore store = storeOf(500);
        BitSet removed = new BitSet();
        removed.set(0, BlockScorer.QUERY_GROUP);
        for (int i = 3; i < 500; i += 7) {
            removed.set(i);
        }
        Set<List<Integer>> all = pairs(new PairScan(store, 500, new BitSet(), 0.3f, Integer.MAX_VALUE).share(0, 1));

        // when
        Set<List<Integer>> kept = new HashSet<>();
        for (int share = 0; share < 2; share++) {
            kept.addAll(pairs(new PairScan(store, 500, removed, 0.3f, Integer.MAX_VALUE).share(share, 2)));
        }

        // then
        assertThat(kept).isNotEmpty().isEqualTo(all.stream()
                .filter(pair -> !removed.get(pair.get(0)) && !removed.get(pair.get(1)))
                .collect(Collectors.toSet()));
    }

    @Test
    void a_scan_stops_at_the_first_block_that_passes_the_limit() {
        // given: every one of the 1,999,000 pairs qualifies
        VectorStore store = storeOf(2_000);
        PairScan scan = new PairScan(store, 2_000, new BitSet(), -1f, 10);

        // when
        OrdinalPairs found = scan.share(0, 1);

        // then: one block of scores, at most a query group times the vectors after it
        assertThat(scan.overLimit()).isTrue();
        assertThat(found.size()).isGreaterThan(10).isLessThanOrEqualTo(BlockScorer.QUERY_GROUP * 2_000);
    }

    @Test
    void a_scan_at_its_limit_finishes() {
        VectorStore store = storeOf(50);
        PairScan scan = new PairScan(store, 50, new BitSet(), -1f, 50 * 49 / 2);

        assertThat(scan.share(0, 1).size()).isEqualTo(50 * 49 / 2);
        assertThat(scan.overLimit()).isFalse();
    }
}
