package io.simdex.encode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Cuts texts into model calls by a budget of padded tokens rather than a count of texts: every text of a batch is
 * padded to the batch's longest, so what a call costs is about rows × longest. Texts are sorted longest first and
 * packed while {@code (rows + 1) × longest} stays within the budget, so a batch of short titles holds many texts, a
 * batch of long abstracts few, and every call costs about the same. A text longer than the budget is a batch of its
 * own.
 */
final class TokenBudget {

    private TokenBudget() {
    }

    /**
     * Index groups of texts of similar length, longest first, each within {@code budget} padded tokens.
     *
     * @param lengths each text's length in tokens, as fed to the model
     * @param budget  padded tokens per batch, {@code >= 1}
     * @return every index exactly once; ties keep input order
     */
    static List<int[]> batches(int[] lengths, int budget) {
        if (budget < 1) {
            throw new IllegalArgumentException("budget must be >= 1 but was " + budget);
        }
        Integer[] order = new Integer[lengths.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> lengths[i]).reversed().thenComparingInt(i -> i));
        var batches = new ArrayList<int[]>();
        int from = 0;
        while (from < order.length) {
            int longest = Math.max(1, lengths[order[from]]);
            int rows = Math.max(1, Math.min(order.length - from, budget / longest));
            int[] batch = new int[rows];
            for (int j = 0; j < rows; j++) {
                batch[j] = order[from + j];
            }
            batches.add(batch);
            from += rows;
        }
        return batches;
    }

}
