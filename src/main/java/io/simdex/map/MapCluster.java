package io.simdex.map;

import java.util.Objects;

/**
 * A group of papers close in meaning, as the map shows it.
 *
 * @param id    0 for the largest cluster, then by size descending
 * @param label the cluster's most distinctive words, comma-separated
 * @param size  how many papers it holds, at least 1
 * @param x     the mean x of its papers on the map
 * @param y     the mean y of its papers on the map
 */
public record MapCluster(int id, String label, int size, float x, float y) {

    public MapCluster {
        Objects.requireNonNull(label, "label");
        if (size < 1) {
            throw new IllegalArgumentException("a cluster holds at least one paper, got size " + size);
        }
    }
}
