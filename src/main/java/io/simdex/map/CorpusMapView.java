package io.simdex.map;

import java.util.List;
import java.util.Objects;

/**
 * The map of a collection at one version.
 *
 * @param method        how papers were placed: {@value MapService#METHOD}
 * @param version       the collection's change count the map was computed at
 * @param points        one per paper, sorted by id
 * @param clusters      sorted by id (largest first); their sizes add up to the number of points
 * @param computeMillis how long computing the map took
 */
public record CorpusMapView(String method, long version, List<MapPoint> points, List<MapCluster> clusters,
                            long computeMillis) {

    public CorpusMapView {
        Objects.requireNonNull(method, "method");
        points = List.copyOf(points);
        clusters = List.copyOf(clusters);
    }

    /** How many papers the map shows. */
    public int papers() {
        return points.size();
    }
}
