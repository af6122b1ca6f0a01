package io.simdex.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.simdex.dedup.PairClusters.Cluster;
import io.simdex.index.ScoredPair;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

class PairClustersTest {

    @Test
    void joins_a_chain_of_pairs_into_one_cluster() {
        List<Cluster> clusters = PairClusters.of(List.of(pair("a", "b", 0.97f), pair("b", "c", 0.95f)));

        assertThat(clusters).containsExactly(new Cluster("dup-a", List.of("a", "b", "c"), 0.97f, 2,
                List.of(pair("a", "b", 0.97f), pair("b", "c", 0.95f))));
    }

    @Test
    void keeps_disjoint_groups_apart_strongest_first() {
        List<Cluster> clusters = PairClusters.of(List.of(
                pair("x", "y", 0.93f), pair("b", "a", 0.96f), pair("m", "n", 0.99f), pair("n", "o", 0.91f)));

        assertThat(clusters).containsExactly(
                new Cluster("dup-m", List.of("m", "n", "o"), 0.99f, 2,
                        List.of(pair("m", "n", 0.99f), pair("n", "o", 0.91f))),
                new Cluster("dup-a", List.of("a", "b"), 0.96f, 1, List.of(pair("a", "b", 0.96f))),
                new Cluster("dup-x", List.of("x", "y"), 0.93f, 1, List.of(pair("x", "y", 0.93f))));
    }

    @Test
    void breaks_a_score_tie_by_cluster_id() {
        List<Cluster> clusters = PairClusters.of(List.of(pair("q", "r", 0.95f), pair("c", "d", 0.95f)));

        assertThat(clusters).extracting(Cluster::id).containsExactly("dup-c", "dup-q");
    }

    @Test
    void counts_a_pair_listed_twice_or_reversed_once_with_its_highest_score() {
        List<Cluster> clusters = PairClusters.of(List.of(
                pair("a", "b", 0.91f), pair("b", "a", 0.94f), pair("a", "b", 0.92f), pair("a", "c", 0.90f)));

        assertThat(clusters).containsExactly(new Cluster("dup-a", List.of("a", "b", "c"), 0.94f, 2,
                List.of(pair("a", "b", 0.94f), pair("a", "c", 0.90f))));
    }

    @Test
    void counts_every_pair_of_a_fully_linked_cluster() {
        List<Cluster> clusters = PairClusters.of(List.of(
                pair("c", "a", 0.9f), pair("b", "c", 0.8f), pair("a", "b", 0.85f), pair("d", "a", 0.7f)));

        assertThat(clusters).containsExactly(new Cluster("dup-a", List.of("a", "b", "c", "d"), 0.9f, 4,
                List.of(pair("a", "c", 0.9f), pair("a", "b", 0.85f), pair("b", "c", 0.8f), pair("a", "d", 0.7f))));
    }

    @Test
    void lists_only_the_strongest_pairs_when_bounded_but_counts_them_all() {
        List<ScoredPair> pairs = List.of(pair("c", "a", 0.9f), pair("b", "c", 0.8f), pair("a", "b", 0.85f),
                pair("d", "a", 0.7f), pair("x", "y", 0.95f));

        List<Cluster> clusters = PairClusters.of(pairs, 2);

        assertThat(clusters).containsExactly(
                new Cluster("dup-x", List.of("x", "y"), 0.95f, 1, List.of(pair("x", "y", 0.95f))),
                new Cluster("dup-a", List.of("a", "b", "c", "d"), 0.9f, 4,
                        List.of(pair("a", "c", 0.9f), pair("a", "b", 0.85f))));
        assertThatThrownBy(() -> PairClusters.of(pairs, 0)).hasMessageContaining("at least 1 pair, got 0");
    }

    @Test
    void breaks_a_tie_between_pair_scores_by_the_ids() {
        List<Cluster> clusters = PairClusters.of(List.of(pair("c", "b", 0.9f), pair("a", "c", 0.9f),
                pair("b", "a", 0.9f)));

        assertThat(clusters.get(0).strongest())
                .containsExactly(pair("a", "b", 0.9f), pair("a", "c", 0.9f), pair("b", "c", 0.9f));
    }

    @Test
    void returns_no_clusters_for_no_pairs() {
        assertThat(PairClusters.of(List.of())).isEmpty();
    }

    @Test
    void names_a_cluster_after_its_smallest_member_in_string_order_not_after_the_first_pair() {
        // "B" < "a" < "paper-10" < "paper-9" in String order
        List<Cluster> clusters = PairClusters.of(List.of(
                pair("paper-9", "paper-10", 0.97f), pair("paper-10", "a", 0.96f), pair("a", "B", 0.95f)));

        assertThat(clusters).singleElement().satisfies(cluster -> {
            assertThat(cluster.id()).isEqualTo("dup-B");
            assertThat(cluster.members()).containsExactly("B", "a", "paper-10", "paper-9");
        });
    }

    @Test
    void keeps_a_cluster_id_when_unrelated_papers_and_pairs_come_and_go() {
        List<ScoredPair> cluster = List.of(pair("m", "n", 0.97f), pair("n", "o", 0.95f));
        List<ScoredPair> withOthers = new ArrayList<>(cluster);
        withOthers.addAll(List.of(pair("a", "b", 0.99f), pair("z", "y", 0.91f)));

        Cluster alone = PairClusters.of(cluster).get(0);
        Cluster amongOthers = PairClusters.of(withOthers).stream()
                .filter(c -> c.members().contains("m")).findFirst().orElseThrow();

        assertThat(amongOthers).isEqualTo(alone);
        assertThat(alone.id()).isEqualTo("dup-m");
    }

    @Test
    void gives_the_same_clusters_for_any_order_of_the_pairs() {
        List<ScoredPair> pairs = randomPairs(new Random(11), 60, 45);
        List<Cluster> expected = PairClusters.of(pairs);

        Random random = new Random(12);
        for (int run = 0; run < 20; run++) {
            List<ScoredPair> shuffled = new ArrayList<>();
            for (ScoredPair pair : pairs) {
                shuffled.add(random.nextBoolean() ? pair : pair(pair.second(), pair.first(), pair.score()));
            }
            Collections.shuffle(shuffled, random);

            assertThat(PairClusters.of(shuffled)).isEqualTo(expected);
        }
    }

    @Test
    void finds_the_same_groups_as_a_breadth_first_search_on_random_graphs() {
        Random random = new Random(5);
        for (int run = 0; run < 50; run++) {
            List<ScoredPair> pairs = randomPairs(random, 2 + random.nextInt(80), random.nextInt(120));

            List<Cluster> clusters = PairClusters.of(pairs);

            assertThat(clusters).extracting(cluster -> Set.copyOf(cluster.members()))
                    .containsExactlyInAnyOrderElementsOf(components(pairs));
            assertThat(clusters).isSortedAccordingTo((a, b) -> Float.compare(b.maxScore(), a.maxScore()));
            assertThat(clusters.stream().mapToInt(Cluster::pairs).sum()).isEqualTo(distinctPairCount(pairs));
            assertThat(clusters).allSatisfy(cluster -> assertThat(cluster.strongest()).hasSize(cluster.pairs()));
        }
    }

    @Test
    void rejects_null_pairs() {
        assertThatThrownBy(() -> PairClusters.of(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> PairClusters.of(Arrays.asList(pair("a", "b", 1f), null)))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void rejects_a_cluster_that_breaks_its_own_invariants() {
        List<ScoredPair> ab = List.of(pair("a", "b", 0.9f));
        assertThatThrownBy(() -> new Cluster("dup-a", List.of("a"), 0.9f, 1, ab))
                .hasMessageContaining("at least 2 members");
        assertThatThrownBy(() -> new Cluster("dup-b", List.of("b", "a"), 0.9f, 1, ab))
                .hasMessageContaining("distinct and sorted");
        assertThatThrownBy(() -> new Cluster("dup-a", List.of("a", "a"), 0.9f, 1, ab))
                .hasMessageContaining("distinct and sorted");
        assertThatThrownBy(() -> new Cluster("cluster-1", List.of("a", "b"), 0.9f, 1, ab))
                .hasMessageContaining("must be 'dup-a'");
        assertThatThrownBy(() -> new Cluster("dup-a", List.of("a", "b", "c"), 0.9f, 1, ab))
                .hasMessageContaining("must have 2 to 3 pairs, got 1");
        assertThatThrownBy(() -> new Cluster("dup-a", List.of("a", "b"), Float.NaN, 1, ab))
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> new Cluster("dup-a", List.of("a", "b"), 0.9f, 1, List.of()))
                .hasMessageContaining("must list 1 to 1 of them, got 0");
        assertThatThrownBy(() -> new Cluster("dup-a", List.of("a", "b"), 0.95f, 1, ab))
                .hasMessageContaining("strongest pair must score maxScore 0.95");
        assertThatThrownBy(() -> new Cluster("dup-a", List.of("a", "b"), 0.9f, 1, List.of(pair("b", "a", 0.9f))))
                .hasMessageContaining("the smaller first");
        assertThatThrownBy(() -> new Cluster("dup-a", List.of("a", "b"), 0.9f, 1, List.of(pair("a", "c", 0.9f))))
                .hasMessageContaining("must name two members");
        assertThatThrownBy(() -> new Cluster("dup-a", List.of("a", "b", "c"), 0.9f, 2,
                List.of(pair("a", "b", 0.9f), pair("b", "c", 0.95f))))
                .hasMessageContaining("strongest first");
    }

    @Test
    void copies_the_members_and_pairs_so_later_changes_do_not_leak_in() {
        List<String> members = new ArrayList<>(List.of("a", "b"));
        List<ScoredPair> strongest = new ArrayList<>(List.of(pair("a", "b", 0.9f)));
        Cluster cluster = new Cluster("dup-a", members, 0.9f, 1, strongest);

        members.add("c");
        strongest.add(pair("a", "c", 0.8f));

        assertThat(cluster.members()).containsExactly("a", "b");
        assertThat(cluster.strongest()).containsExactly(pair("a", "b", 0.9f));
        assertThatThrownBy(() -> cluster.members().add("d")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> cluster.strongest().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    private static ScoredPair pair(String first, String second, float score) {
        return new ScoredPair(first, second, score);
    }

    /** Random edges between {@code papers} ids; repeats and reversed repeats are likely. */
    private static List<ScoredPair> randomPairs(Random random, int papers, int count) {
        List<ScoredPair> pairs = new ArrayList<>();
        while (pairs.size() < count) {
            int a = random.nextInt(papers);
            int b = random.nextInt(papers);
            if (a != b) {
                pairs.add(pair("p" + a, "p" + b, 0.8f + random.nextInt(200) / 1000f));
            }
        }
        return pairs;
    }

    /** Connected components by breadth-first search: the obvious way, to check the union-find against. */
    private static List<Set<String>> components(List<ScoredPair> pairs) {
        Map<String, Set<String>> neighbours = new HashMap<>();
        for (ScoredPair pair : pairs) {
            neighbours.computeIfAbsent(pair.first(), id -> new HashSet<>()).add(pair.second());
            neighbours.computeIfAbsent(pair.second(), id -> new HashSet<>()).add(pair.first());
        }
        List<Set<String>> components = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String start : new TreeSet<>(neighbours.keySet())) {
            if (!seen.add(start)) {
                continue;
            }
            Set<String> component = new HashSet<>(Set.of(start));
            Deque<String> queue = new ArrayDeque<>(List.of(start));
            while (!queue.isEmpty()) {
                for (String next : neighbours.get(queue.poll())) {
                    if (seen.add(next)) {
                        component.add(next);
                        queue.add(next);
                    }
                }
            }
            components.add(component);
        }
        return components;
    }

    private static long distinctPairCount(List<ScoredPair> pairs) {
        return pairs.stream().map(pair -> new TreeSet<>(List.of(pair.first(), pair.second()))).distinct().count();
    }
}
