package io.simdex.dedup;

import io.simdex.index.ScoredPair;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Groups duplicate pairs into clusters: papers linked by a chain of pairs end up in one cluster. */
public final class PairClusters {

    /** What every cluster id starts with; the smallest member id follows. */
    public static final String ID_PREFIX = "dup-";

    private static final Comparator<Cluster> STRONGEST_FIRST =
            Comparator.comparing(Cluster::maxScore, Comparator.reverseOrder()).thenComparing(Cluster::id);

    /** Pairs by score descending, ties by the first id, then the second. */
    private static final Comparator<ScoredPair> STRONGEST_PAIR_FIRST =
            Comparator.comparing(ScoredPair::score, Comparator.reverseOrder()).thenComparing(ScoredPair::first)
                    .thenComparing(ScoredPair::second);

    private PairClusters() {
    }

    /**
     * One connected group of duplicates.
     *
     * @param id       {@link #ID_PREFIX} followed by the smallest member id in {@link String} order, so it does
     *                 not change with the order of the pairs, with papers outside the cluster, or across restarts;
     *                 it only changes when the cluster itself gains a smaller member or loses its smallest one
     * @param members  the paper ids, at least two, distinct, sorted in {@link String} order; copied, unmodifiable
     * @param maxScore the highest score of a pair inside the cluster
     * @param pairs    how many distinct pairs link the members: at least {@code members - 1} (a chain), at most
     *                 every two members
     * @param strongest the strongest of those pairs, each with its smaller id first, by score descending, ties by
     *                  the ids; at least one, at most {@code pairs} (fewer when the caller bounded them); the first
     *                  scores {@code maxScore}; copied, unmodifiable
     */
    public record Cluster(String id, List<String> members, float maxScore, int pairs, List<ScoredPair> strongest) {

        public Cluster {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(members, "members");
            members = List.copyOf(members);
            strongest = List.copyOf(strongest);
            if (members.size() < 2) {
                throw new IllegalArgumentException("cluster " + id + " needs at least 2 members, got " + members);
            }
            for (int i = 1; i < members.size(); i++) {
                if (members.get(i - 1).compareTo(members.get(i)) >= 0) {
                    throw new IllegalArgumentException(
                            "cluster " + id + ": members must be distinct and sorted, got " + members);
                }
            }
            if (!id.equals(ID_PREFIX + members.get(0))) {
                throw new IllegalArgumentException("cluster id must be '" + ID_PREFIX + members.get(0)
                        + "' for members " + members + ", got " + id);
            }
            if (Float.isNaN(maxScore)) {
                throw new IllegalArgumentException("cluster " + id + ": maxScore is NaN");
            }
            long most = (long) members.size() * (members.size() - 1) / 2;
            if (pairs < members.size() - 1 || pairs > most) {
                throw new IllegalArgumentException("cluster " + id + " of " + members.size() + " members must have "
                        + (members.size() - 1) + " to " + most + " pairs, got " + pairs);
            }
            requireStrongest(id, members, maxScore, pairs, strongest);
        }

        private static void requireStrongest(String id, List<String> members, float maxScore, int pairs,
                List<ScoredPair> strongest) {
            if (strongest.isEmpty() || strongest.size() > pairs) {
                throw new IllegalArgumentException("cluster " + id + " of " + pairs + " pairs must list 1 to " + pairs
                        + " of them, got " + strongest.size());
            }
            if (strongest.get(0).score() != maxScore) {
                throw new IllegalArgumentException("cluster " + id + ": its strongest pair must score maxScore "
                        + maxScore + ", got " + strongest.get(0));
            }
            for (int i = 0; i < strongest.size(); i++) {
                ScoredPair pair = strongest.get(i);
                if (pair.first().compareTo(pair.second()) > 0 || !members.contains(pair.first())
                        || !members.contains(pair.second())) {
                    throw new IllegalArgumentException("cluster " + id + ": " + pair + " must name two members, the"
                            + " smaller first");
                }
                if (i > 0 && STRONGEST_PAIR_FIRST.compare(strongest.get(i - 1), pair) >= 0) {
                    throw new IllegalArgumentException("cluster " + id + ": pairs must be distinct, strongest first,"
                            + " got " + strongest);
                }
            }
        }
    }

    /**
     * Groups pairs into clusters, the connected components of the graph the pairs draw.
     *
     * <p>The caller decides what counts as a duplicate and passes only those pairs (for example, every pair with a
     * score at or above the duplicate threshold). A pair listed more than once, in either order, counts once, with
     * its highest score. Papers that appear in no pair are in no cluster.
     *
     * <p>The result depends only on the set of pairs, not on their order: members are sorted by id, and clusters
     * come strongest first (by {@code maxScore}, descending), ties broken by id. Each cluster lists all its pairs.
     *
     * @param pairs the duplicate pairs; may be empty
     * @return the clusters, each of at least two papers; empty for no pairs
     * @throws NullPointerException if {@code pairs} or one of its elements is null
     */
    public static List<Cluster> of(List<ScoredPair> pairs) {
        return of(pairs, Integer.MAX_VALUE);
    }

    /**
     * As {@link #of(List)}, each cluster listing only its {@code listed} strongest pairs (it still counts all).
     *
     * @throws IllegalArgumentException if {@code listed < 1}
     */
    public static List<Cluster> of(List<ScoredPair> pairs, int listed) {
        if (listed < 1) {
            throw new IllegalArgumentException("a cluster must list at least 1 pair, got " + listed);
        }
        Map<UnorderedPair, Float> distinct = distinctPairs(pairs);
        Map<String, Integer> index = new HashMap<>();
        for (UnorderedPair pair : distinct.keySet()) {
            index.putIfAbsent(pair.low(), index.size());
            index.putIfAbsent(pair.high(), index.size());
        }
        UnionFind components = new UnionFind(index.size());
        distinct.keySet().forEach(pair -> components.union(index.get(pair.low()), index.get(pair.high())));

        Map<Integer, Builder> byRoot = new LinkedHashMap<>();
        index.forEach((id, i) -> byRoot.computeIfAbsent(components.find(i), root -> new Builder()).members.add(id));
        distinct.forEach((pair, score) -> byRoot.get(components.find(index.get(pair.low())))
                .add(new ScoredPair(pair.low(), pair.high(), score)));
        return byRoot.values().stream().map(builder -> builder.build(listed)).sorted(STRONGEST_FIRST).toList();
    }

    private static Map<UnorderedPair, Float> distinctPairs(List<ScoredPair> pairs) {
        Objects.requireNonNull(pairs, "pairs");
        Map<UnorderedPair, Float> distinct = new HashMap<>();
        for (ScoredPair pair : pairs) {
            Objects.requireNonNull(pair, "a pair in pairs");
            distinct.merge(UnorderedPair.of(pair.first(), pair.second()), pair.score(), Math::max);
        }
        return distinct;
    }

    /** Two distinct ids, the smaller first, so (a, b) and (b, a) are one key. */
    private record UnorderedPair(String low, String high) {

        static UnorderedPair of(String a, String b) {
            return a.compareTo(b) < 0 ? new UnorderedPair(a, b) : new UnorderedPair(b, a);
        }
    }

    /** A cluster while its members and pairs are being gathered. */
    private static final class Builder {

        private final List<String> members = new ArrayList<>();
        private final List<ScoredPair> pairs = new ArrayList<>();

        void add(ScoredPair pair) {
            pairs.add(pair);
        }

        /** The cluster, listing its {@code listed} strongest pairs. */
        Cluster build(int listed) {
            members.sort(Comparator.naturalOrder());
            pairs.sort(STRONGEST_PAIR_FIRST);
            return new Cluster(ID_PREFIX + members.get(0), members, pairs.get(0).score(), pairs.size(),
                    pairs.subList(0, Math.min(listed, pairs.size())));
        }
    }
}
