package io.simdex.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import io.simdex.corpus.Paper;
import io.simdex.kernels.VectorMath;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** The axes are the directions the points spread along most, found again from points made to spread along them. */
class PcaTest {

    private static final int D = 24;

    @Test
    void the_axes_are_the_two_directions_the_points_spread_along() {
        // given: points around a centre, spread 5 along u, 2 along w, and a little in every direction
        float[] u = unit(new float[] {0, 3, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        float[] w = unit(new float[] {0, 0, 1, 0, 0, -1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
        var spread = spread(500, u, w);

        // when
        Pca.Axes axes = Pca.fit(spread.rows());

        // then
        assertThat(Math.abs(VectorMath.dot(axes.first(), u))).isCloseTo(1f, within(1e-3f));
        assertThat(Math.abs(VectorMath.dot(axes.second(), w))).isCloseTo(1f, within(1e-3f));
        assertThat(VectorMath.dot(axes.first(), axes.second())).isCloseTo(0f, within(1e-5f));
        assertThat(largestComponent(axes.first())).isPositive();
        assertThat(largestComponent(axes.second())).isPositive();
    }

    @Test
    void map_coordinates_follow_the_spread_up_to_sign_and_scale() {
        // given
        float[] u = unit(new float[] {1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        float[] w = unit(new float[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, -1, 0, 0, 0});
        var spread = spread(300, u, w);
        var papers = new ArrayList<Paper>();
        for (int i = 0; i < spread.rows().length; i++) {
            papers.add(new Paper(String.format("p%04d", i), "Paper " + i, "About things.", List.of(), Map.of()));
        }

        // when
        CorpusMapView map = MapService.compute(papers, spread.rows(), 3, System.nanoTime());

        // then: x tracks the wide spread, y the narrow one
        double[] x = map.points().stream().mapToDouble(MapPoint::x).toArray();
        double[] y = map.points().stream().mapToDouble(MapPoint::y).toArray();
        assertThat(Math.abs(correlation(x, spread.along()))).isGreaterThan(0.999);
        assertThat(Math.abs(correlation(y, spread.across()))).isGreaterThan(0.99);
        assertThat(map.points()).allSatisfy(point -> {
            assertThat(point.x()).isBetween(-1f, 1f);
            assertThat(point.y()).isBetween(-1f, 1f);
        });
        assertThat(max(x) - min(x)).isCloseTo(2.0, within(1e-3)); // the wider axis spans [-1, 1]
        assertThat(max(y) - min(y)).isLessThan(1.2); // the same scale for both: y spreads less
    }

    @Test
    void points_that_do_not_vary_sit_at_the_centre() {
        float[] v = unit(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
                24});
        var papers = List.of(new Paper("a", "A", "Same.", List.of(), Map.of()),
                new Paper("b", "B", "Same.", List.of(), Map.of()));

        CorpusMapView map = MapService.compute(papers, new float[][] {v, v.clone()}, 0, System.nanoTime());

        assertThat(map.points()).extracting(MapPoint::x, MapPoint::y).containsOnly(
                org.assertj.core.groups.Tuple.tuple(0f, 0f));
    }

    private record Spread(float[][] rows, double[] along, double[] across) {
    }

    /** Unit-length points: a centre plus {@code 5a·u + 2b·w} plus noise of 0.01, a and b uniform in [-1, 1]. */
    private static Spread spread(int n, float[] u, float[] w) {
        var random = new Random(11);
        float[] centre = new float[D];
        centre[10] = 20f;
        float[][] rows = new float[n][D];
        double[] along = new double[n];
        double[] across = new double[n];
        for (int i = 0; i < n; i++) {
            along[i] = random.nextDouble() * 2 - 1;
            across[i] = random.nextDouble() * 2 - 1;
            for (int j = 0; j < D; j++) {
                rows[i][j] = (float) (centre[j] + 5 * along[i] * u[j] + 2 * across[i] * w[j]
                        + 0.01 * random.nextGaussian());
            }
        }
        return new Spread(rows, along, across);
    }

    private static float[] unit(float[] v) {
        VectorMath.normalizeInPlace(v);
        return v;
    }

    private static float largestComponent(float[] v) {
        float largest = 0;
        for (float x : v) {
            if (Math.abs(x) > Math.abs(largest)) {
                largest = x;
            }
        }
        return largest;
    }

    private static double correlation(double[] a, double[] b) {
        double ma = mean(a);
        double mb = mean(b);
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (a[i] - ma) * (b[i] - mb);
            aa += (a[i] - ma) * (a[i] - ma);
            bb += (b[i] - mb) * (b[i] - mb);
        }
        return ab / Math.sqrt(aa * bb);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double max(double[] v) {
        return java.util.Arrays.stream(v).max().orElseThrow();
    }

    private static double min(double[] v) {
        return java.util.Arrays.stream(v).min().orElseThrow();
    }
}
