package io.simdex.tools.eval;

import io.simdex.kernels.VectorMath;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * How well "more like this" finds a paper's related papers, scored on pairs known to be related (such as two
 * abstracts cited by the same claim). Each pair is asked both ways: the papers like {@code a} are ranked, and
 * the rank of {@code b} is read, then the other way round. The query's other known partners are left out of
 * its ranking, so that finding one partner never counts against another.
 *
 * @param pairs     distinct related pairs
 * @param queries   rankings read: two per pair
 * @param recall10  share of queries whose partner ranks in the top 10
 * @param recall100 ... in the top 100
 * @param mrr100    mean reciprocal rank of the partner, 0 when it is below rank 100
 */
public record RelatedMetrics(int pairs, int queries, double recall10, double recall100, double mrr100) {

    /** How deep each ranking must go for every metric here. */
    public static final int DEPTH = 100;

    /** Papers like one paper: ids best first, never the paper itself nor {@code leaveOut}. */
    @FunctionalInterface
    public interface Ranking {
        List<String> similar(String id, Set<String> leaveOut, int depth);
    }

    /** Scores a ranking on the pairs, each asked both ways. */
    public static RelatedMetrics of(List<CoCitedPairs.Pair> pairs, Ranking ranking) {
        Map<String, Set<String>> partners = partners(pairs);
        int queries = 0;
        double r10 = 0;
        double r100 = 0;
        double mrr = 0;
        for (CoCitedPairs.Pair pair : pairs) {
            for (String[] asked : List.of(new String[] {pair.a(), pair.b()}, new String[] {pair.b(), pair.a()})) {
                String query = asked[0];
                String partner = asked[1];
                var leaveOut = new HashSet<>(partners.get(query));
                leaveOut.remove(partner);
                int rank = ranking.similar(query, leaveOut, DEPTH).indexOf(partner) + 1;
                queries++;
                if (rank >= 1 && rank <= DEPTH) {
                    r10 += rank <= 10 ? 1 : 0;
                    r100 += 1;
                    mrr += 1.0 / rank;
                }
            }
        }
        return queries == 0 ? new RelatedMetrics(0, 0, 0, 0, 0)
                : new RelatedMetrics(pairs.size(), queries, r10 / queries, r100 / queries, mrr / queries);
    }

    /**
     * The chance that a related pair scores a higher cosine than a random pair (ROC AUC; ties count half):
     * 0.5 when cosine tells related papers from any others no better than a coin, 1 when always. Random pairs are
     * drawn with a fixed seed from the pairs of distinct documents that are not known to be related; when there
     * are no more such pairs than {@code randomPairs}, every one of them is used instead, once.
     *
     * @param vectors unit vectors, one per id, in the order of {@code ids}
     * @param randomPairs how many random pairs to draw
     */
    public static double auc(List<CoCitedPairs.Pair> pairs, List<String> ids, float[][] vectors, int randomPairs,
                             long seed) {
        if (ids.size() < 2 || pairs.isEmpty() || randomPairs < 1) {
            throw new IllegalArgumentException("AUC needs a related pair, two documents and a random pair; got "
                    + pairs.size() + " pairs, " + ids.size() + " documents, " + randomPairs + " random pairs");
        }
        var position = new HashMap<String, Integer>(ids.size() * 2);
        for (int i = 0; i < ids.size(); i++) {
            position.put(ids.get(i), i);
        }
        double[] related = new double[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            related[i] = VectorMath.dot(vectors[position.get(pairs.get(i).a())], vectors[position.get(pairs.get(i).b())]);
        }
        var known = new HashSet<>(pairs);
        var others = new ArrayList<Double>(randomPairs);
        long unrelated = (long) ids.size() * (ids.size() - 1) / 2 - known.size();
        if (unrelated <= randomPairs) {
            for (int x = 0; x < ids.size(); x++) {
                for (int y = x + 1; y < ids.size(); y++) {
                    if (!known.contains(new CoCitedPairs.Pair(ids.get(x), ids.get(y)))) {
                        others.add((double) VectorMath.dot(vectors[x], vectors[y]));
                    }
                }
            }
        }
        var random = new SplittableRandom(seed);
        while (others.size() < Math.min(randomPairs, unrelated)) {
            int x = random.nextInt(ids.size());
            int y = random.nextInt(ids.size());
            if (x != y && !known.contains(new CoCitedPairs.Pair(ids.get(x), ids.get(y)))) {
                others.add((double) VectorMath.dot(vectors[x], vectors[y]));
            }
        }
        if (others.isEmpty()) {
            throw new IllegalArgumentException("every pair of documents is related: no random pair to compare with");
        }
        double wins = 0;
        for (double r : related) {
            for (double o : others) {
                wins += r > o ? 1 : r == o ? 0.5 : 0;
            }
        }
        return wins / ((double) related.length * others.size());
    }

    private static Map<String, Set<String>> partners(List<CoCitedPairs.Pair> pairs) {
        var partners = new HashMap<String, Set<String>>();
        for (CoCitedPairs.Pair p : pairs) {
            partners.computeIfAbsent(p.a(), x -> new HashSet<>()).add(p.b());
            partners.computeIfAbsent(p.b(), x -> new HashSet<>()).add(p.a());
        }
        return partners;
    }
}
