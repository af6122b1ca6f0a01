package io.simdex.index;

import io.simdex.kernels.Reference;
import io.simdex.kernels.Reference.RefHit;
import io.simdex.kernels.Reference.RefPair;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@link Reference.BruteForce} for a collection that changes: adds, upserts and removals, searched by a full
 * sort in double precision. A put counts as a new insertion, so it ties after everything already held.
 */
final class LiveReference {

    private record Entry(float[] vector, double[] unit, int insertionOrder) {
    }

    /** In insertion order: a put removes the id before adding it again at the end. */
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private int insertions;

    void add(String id, float[] vector) {
        if (entries.containsKey(id)) {
            throw new IllegalArgumentException("the reference already holds '" + id + "'");
        }
        put(id, vector);
    }

    void put(String id, float[] vector) {
        entries.remove(id);
        entries.put(id, new Entry(vector.clone(), Reference.normalized(vector), insertions++));
    }

    boolean remove(String id) {
        return entries.remove(id) != null;
    }

    int size() {
        return entries.size();
    }

    boolean contains(String id) {
        return entries.containsKey(id);
    }

    /** The ids held, in insertion order. */
    List<String> ids() {
        return List.copyOf(entries.keySet());
    }

    /** The vector as it was put, not normalized. */
    float[] vector(String id) {
        return entries.get(id).vector().clone();
    }

    /** Every vector not excluded and accepted by {@code filter}, with its cosine, best-first, ties by insertion. */
    List<RefHit> ranking(float[] query, Set<String> excludeIds, Predicate<String> filter) {
        double[] q = Reference.normalized(query);
        List<RefHit> all = new ArrayList<>();
        entries.forEach((id, entry) -> {
            if (!excludeIds.contains(id) && filter.test(id)) {
                all.add(new RefHit(id, entry.insertionOrder(), Reference.dot(q, entry.unit())));
            }
        });
        all.sort(Comparator.comparingDouble(RefHit::score).reversed().thenComparingInt(RefHit::insertionOrder));
        return all;
    }

    List<RefHit> search(float[] query, int k, Set<String> excludeIds, float minScore, float maxScore,
            Predicate<String> filter) {
        return ranking(query, excludeIds, filter).stream()
                .filter(hit -> hit.score() >= minScore && hit.score() <= maxScore)
                .limit(k)
                .toList();
    }

    /** Every pair scoring {@code >= minScore}, best-first, ties by first's then second's insertion order. */
    List<RefPair> pairsAtOrAbove(double minScore) {
        List<Map.Entry<String, Entry>> held = List.copyOf(entries.entrySet());
        List<RefPair> pairs = new ArrayList<>();
        for (int i = 0; i < held.size(); i++) {
            Entry first = held.get(i).getValue();
            for (int j = i + 1; j < held.size(); j++) {
                Entry second = held.get(j).getValue();
                double score = Reference.dot(first.unit(), second.unit());
                if (score >= minScore) {
                    pairs.add(new RefPair(held.get(i).getKey(), held.get(j).getKey(), first.insertionOrder(),
                            second.insertionOrder(), score));
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(RefPair::score).reversed()
                .thenComparingInt(RefPair::firstOrder).thenComparingInt(RefPair::secondOrder));
        return pairs;
    }
}
