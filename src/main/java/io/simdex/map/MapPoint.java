package io.simdex.map;

import java.util.Objects;

/**
 * One paper on the map (its title is the paper's: the map does not repeat it).
 *
 * @param x       along the first principal component, in [-1, 1], three decimals
 * @param y       along the second principal component, in [-1, 1], three decimals
 * @param cluster the {@link MapCluster#id()} of the paper's cluster
 */
public record MapPoint(String id, float x, float y, int cluster) {

    public MapPoint {
        Objects.requireNonNull(id, "id");
    }
}
