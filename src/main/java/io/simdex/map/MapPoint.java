package io.simdex.map;

import java.util.Objects;

/**
 * One paper on the map.
 *
 * @param x       along the first principal component, in [-1, 1]
 * @param y       along the second principal component, in [-1, 1]
 * @param cluster the {@link MapCluster#id()} of the paper's cluster
 */
public record MapPoint(String id, String title, float x, float y, int cluster) {

    public MapPoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
    }
}
