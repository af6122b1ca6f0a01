package io.simdex.tools.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Search queries with Zipf-distributed popularity, as people repeat searches: the query of rank r (from 1) is
 * drawn with probability proportional to 1 / r^s. With s = 1 over 5000 queries the top query is about 1 in 9
 * draws and half the draws go to the top 53.
 */
final class ZipfQueries {

    private final List<String> queries;
    /** cdf[i]: the probability of drawing one of the first i + 1 queries. */
    private final double[] cdf;

    /** @param queries the distinct queries, most popular first */
    ZipfQueries(List<String> queries, double exponent) {
        if (queries.isEmpty()) {
            throw new IllegalArgumentException("a Zipf mix needs at least one query");
        }
        this.queries = List.copyOf(queries);
        this.cdf = new double[queries.size()];
        double sum = 0;
        for (int i = 0; i < cdf.length; i++) {
            sum += 1 / Math.pow(i + 1, exponent);
            cdf[i] = sum;
        }
        for (int i = 0; i < cdf.length; i++) {
            cdf[i] /= sum;
        }
    }

    /** One query, drawn with {@code random}. */
    String draw(Random random) {
        int at = Arrays.binarySearch(cdf, random.nextDouble());
        return queries.get(Math.min(at < 0 ? -at - 1 : at, queries.size() - 1));
    }

    /** How many distinct queries it draws from. */
    int size() {
        return queries.size();
    }
}
