package io.simdex.map;

import io.simdex.lexical.Words;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Names clusters by their most distinctive words. A word scores {@code p_c * ln(p_c / p)}, where {@code p_c} is
 * the share of the cluster's papers whose title or abstract holds it and {@code p} the share of all papers: high
 * for words frequent in the cluster and rare elsewhere, near 0 for words every paper uses. Words are lower-cased,
 * unstemmed, of letters only and at least {@value #MIN_LETTERS} long, English stop words left out.
 */
final class ClusterLabels {

    static final int WORDS = 3;
    static final int MIN_LETTERS = 3;

    private ClusterLabels() {
    }

    /**
     * One label per cluster: up to {@value #WORDS} words joined by {@code ", "}, best first (ties alphabetical), a
     * word left out when a better one differs from it only by a trailing "s"; empty for a cluster with no words.
     *
     * @param texts     the papers' titles and abstracts
     * @param clusterOf the cluster of each paper, in [0, k)
     */
    static List<String> of(List<String> texts, int[] clusterOf, int k) {
        var everywhere = new HashMap<String, Integer>();
        var within = new ArrayList<Map<String, Integer>>(k);
        int[] size = new int[k];
        for (int c = 0; c < k; c++) {
            within.add(new HashMap<>());
        }
        for (int i = 0; i < texts.size(); i++) {
            Set<String> words = Words.distinct(texts.get(i), MIN_LETTERS);
            size[clusterOf[i]]++;
            for (String word : words) {
                everywhere.merge(word, 1, Integer::sum);
                within.get(clusterOf[i]).merge(word, 1, Integer::sum);
            }
        }
        var labels = new ArrayList<String>(k);
        for (int c = 0; c < k; c++) {
            int clusterSize = size[c];
            Map<String, Double> score = new HashMap<>();
            within.get(c).forEach((word, count) -> {
                double inCluster = count / (double) clusterSize;
                double overall = everywhere.get(word) / (double) texts.size();
                score.put(word, inCluster * Math.log(inCluster / overall));
            });
            var ranked = new ArrayList<>(score.keySet());
            ranked.sort(Comparator.comparing((String word) -> -score.get(word)).thenComparing(word -> word));
            labels.add(String.join(", ", best(ranked)));
        }
        return labels;
    }

    private static List<String> best(List<String> ranked) {
        var chosen = new ArrayList<String>(WORDS);
        for (String word : ranked) {
            if (chosen.size() == WORDS) {
                break;
            }
            if (chosen.stream().noneMatch(other -> singular(other).equals(singular(word)))) {
                chosen.add(word);
            }
        }
        return chosen;
    }

    private static String singular(String word) {
        return word.endsWith("s") ? word.substring(0, word.length() - 1) : word;
    }
}
