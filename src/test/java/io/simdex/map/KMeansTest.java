package io.simdex.map;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.simdex.kernels.VectorMath;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/** k-means finds groups that are there, the same way every time. */
class KMeansTest {

    @Test
    void the_number_of_clusters_grows_with_the_square_root_and_stays_in_bounds() {
        assertThat(KMeans.clusterCount(1)).isEqualTo(1);
        assertThat(KMeans.clusterCount(2)).isEqualTo(2);
        assertThat(KMeans.clusterCount(7)).isEqualTo(2);
        assertThat(KMeans.clusterCount(200)).isEqualTo(10);
        assertThat(KMeans.clusterCount(772)).isEqualTo(20);
        assertThat(KMeans.clusterCount(100_000)).isEqualTo(24);
    }

    @Test
    void three_tight_groups_make_three_clusters_each_whole() {
        // given: 3 groups of 40 unit vectors around 3 orthogonal directions
        var random = new Random(5);
        float[][] rows = new float[120][16];
        for (int i = 0; i < rows.length; i++) {
            rows[i][i % 3] = 1f;
            for (int j = 0; j < 16; j++) {
                rows[i][j] += (float) (0.05 * random.nextGaussian());
            }
            VectorMath.normalizeInPlace(rows[i]);
        }

        // when
        float[][] centroids = KMeans.fit(rows, 3);

        // then
        Set<Integer> seen = new HashSet<>();
        for (int group = 0; group < 3; group++) {
            int cluster = KMeans.nearest(centroids, rows[group]);
            for (int i = group; i < rows.length; i += 3) {
                assertThat(KMeans.nearest(centroids, rows[i])).isEqualTo(cluster);
            }
            seen.add(cluster);
        }
        assertThat(seen).hasSize(3);
        assertThat(KMeans.fit(rows, 3)).isDeepEqualTo(centroids);
    }
}
