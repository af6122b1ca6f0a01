package io.simdex.map;

import io.simdex.corpus.Paper;
import io.simdex.ingest.IndexedCorpus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The map of the corpus: every paper as a point in 2-D from its vector (principal component analysis), coloured
 * by cluster (k-means on the full vectors, cosine), each cluster labelled by its most distinctive words.
 *
 * <p>Computed once per version of the collection, on the first request after a change; concurrent requests
 * meanwhile wait for that one computation. The same papers with the same vectors always give the same map.
 *
 * <p>Cost: the axes and the clusters are fitted on a sample of at most {@value #MAX_SAMPLE} papers, the labels
 * chosen from the words of at most {@value #MAX_LABEL_SAMPLE} (all papers up to that; above it, those whose ids
 * hash lowest, so a write changes a sample by one paper at most), then every paper is projected and assigned:
 * O(sample · d² + n · d · k) in all.
 */
public final class MapService {

    /** What {@link CorpusMapView#method()} says: principal component analysis. */
    public static final String METHOD = "pca";
    /** The most papers the axes, the clusters and the labels are fitted on. */
    static final int MAX_SAMPLE = 20_000;
    /** The most papers whose words the labels are chosen from: words cost more to find than vectors to compare. */
    static final int MAX_LABEL_SAMPLE = 5_000;
    /** A cluster none of whose papers is in the sample is labelled from at most this many of them. */
    private static final int MAX_EXTRA_LABEL_PAPERS = 1_000;

    private final IndexedCorpus corpus;
    private final LongSupplier version;
    private final Object computing = new Object();
    private volatile CorpusMapView latest;

    /**
     * @param corpus  the papers and their vectors, read at each computation
     * @param version a number that changes whenever the papers do (the collection's change count); the map is
     *                recomputed when it differs from the one the last map was computed at
     */
    public MapService(IndexedCorpus corpus, LongSupplier version) {
        this.corpus = Objects.requireNonNull(corpus, "corpus");
        this.version = Objects.requireNonNull(version, "version");
    }

    /** A map of papers that never change: computed once, at version 0. */
    public static MapService fixed(IndexedCorpus corpus) {
        return new MapService(corpus, () -> 0L);
    }

    /** The map of the collection as it is now: the last one computed if the collection has not changed since. */
    public CorpusMapView map() {
        CorpusMapView cached = latest;
        if (cached != null && cached.version() == version.getAsLong()) {
            return cached;
        }
        synchronized (computing) {
            // read before the papers: a write during the computation leaves a newer version, so the next call redoes it
            long now = version.getAsLong();
            cached = latest;
            if (cached == null || cached.version() != now) {
                cached = compute(now);
                latest = cached;
            }
            return cached;
        }
    }

    private CorpusMapView compute(long at) {
        long start = System.nanoTime();
        var papers = new ArrayList<Paper>();
        var vectors = new ArrayList<float[]>();
        for (Paper paper : corpus.corpus().papers()) { // sorted by id
            corpus.index().vector(paper.id()).ifPresent(vector -> {
                papers.add(paper);
                vectors.add(vector);
            });
        }
        return compute(papers, vectors.toArray(new float[0][]), at, start);
    }

    /** The map of papers sorted by id, with their unit vectors. */
    static CorpusMapView compute(List<Paper> papers, float[][] vectors, long version, long start) {
        int n = papers.size();
        if (n == 0) {
            return new CorpusMapView(METHOD, version, List.of(), List.of(), millisSince(start));
        }
        int[] sample = sample(papers, MAX_SAMPLE);
        float[][] rows = new float[sample.length][];
        for (int s = 0; s < sample.length; s++) {
            rows[s] = vectors[sample[s]];
        }
        float[][] xy = scaled(Pca.fit(rows), vectors);
        float[][] centroids = KMeans.fit(rows, KMeans.clusterCount(sample.length));
        int[] cluster = new int[n];
        for (int i = 0; i < n; i++) {
            cluster[i] = KMeans.nearest(centroids, vectors[i]);
        }
        int k = renumberBySize(cluster, centroids.length);
        List<String> labels = labels(papers, sample.length <= MAX_LABEL_SAMPLE ? sample
                : sample(papers, MAX_LABEL_SAMPLE), cluster, k);
        var points = new ArrayList<MapPoint>(n);
        double[] sumX = new double[k];
        double[] sumY = new double[k];
        int[] size = new int[k];
        for (int i = 0; i < n; i++) {
            points.add(new MapPoint(papers.get(i).id(), xy[i][0], xy[i][1], cluster[i]));
            sumX[cluster[i]] += xy[i][0];
            sumY[cluster[i]] += xy[i][1];
            size[cluster[i]]++;
        }
        var clusters = new ArrayList<MapCluster>(k);
        for (int c = 0; c < k; c++) {
            clusters.add(new MapCluster(c, labels.get(c), size[c], rounded(sumX[c] / size[c]),
                    rounded(sumY[c] / size[c])));
        }
        return new CorpusMapView(METHOD, version, points, clusters, millisSince(start));
    }

    /**
     * Every paper's coordinates on the two axes, shifted so the map is centred at 0 and scaled by one factor for
     * both axes (distances read the same in either direction) so the wider one spans [-1, 1]; three decimals, a
     * step of 0.05 % of the width: finer than a pixel on a screen, and a few bytes per number in the answer.
     */
    private static float[][] scaled(Pca.Axes axes, float[][] vectors) {
        float[][] xy = new float[vectors.length][];
        float[] min = {Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY};
        float[] max = {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY};
        for (int i = 0; i < vectors.length; i++) {
            xy[i] = axes.project(vectors[i]);
            for (int a = 0; a < 2; a++) {
                min[a] = Math.min(min[a], xy[i][a]);
                max[a] = Math.max(max[a], xy[i][a]);
            }
        }
        float half = Math.max(max[0] - min[0], max[1] - min[1]) / 2f;
        for (float[] point : xy) {
            for (int a = 0; a < 2; a++) {
                float centred = point[a] - (min[a] + max[a]) / 2f;
                point[a] = half > 0f ? Math.max(-1f, Math.min(1f, rounded(centred / half))) : 0f;
            }
        }
        return xy;
    }

    /**
     * Renumbers clusters 0 for the largest, then by size descending, equal sizes by their first paper; drops
     * empty ones.
     *
     * @return how many clusters are left
     */
    private static int renumberBySize(int[] cluster, int k) {
        int[] size = new int[k];
        int[] first = new int[k];
        Arrays.fill(first, Integer.MAX_VALUE);
        for (int i = 0; i < cluster.length; i++) {
            size[cluster[i]]++;
            first[cluster[i]] = Math.min(first[cluster[i]], i);
        }
        Integer[] order = new Integer[k];
        for (int c = 0; c < k; c++) {
            order[c] = c;
        }
        Arrays.sort(order, Comparator.comparingInt((Integer c) -> -size[c]).thenComparingInt(c -> first[c]));
        int[] renamed = new int[k];
        int kept = 0;
        for (int c : order) {
            if (size[c] > 0) {
                renamed[c] = kept++;
            }
        }
        for (int i = 0; i < cluster.length; i++) {
            cluster[i] = renamed[cluster[i]];
        }
        return kept;
    }

    /** Labels from sampled papers, and for a cluster with none of them, from up to 1000 of its own. */
    private static List<String> labels(List<Paper> papers, int[] sample, int[] cluster, int k) {
        boolean[] sampled = new boolean[k];
        var texts = new ArrayList<String>(sample.length);
        var clusterOf = new ArrayList<Integer>(sample.length);
        for (int i : sample) {
            texts.add(papers.get(i).embeddingText());
            clusterOf.add(cluster[i]);
            sampled[cluster[i]] = true;
        }
        int[] extra = new int[k];
        for (int i = 0; i < papers.size(); i++) {
            int c = cluster[i];
            if (!sampled[c] && extra[c]++ < MAX_EXTRA_LABEL_PAPERS) {
                texts.add(papers.get(i).embeddingText());
                clusterOf.add(c);
            }
        }
        return ClusterLabels.of(texts, clusterOf.stream().mapToInt(Integer::intValue).toArray(), k);
    }

    /**
     * The positions of the papers to fit on, ascending: all of them when there are at most {@code most}, else the
     * {@code most} whose ids hash lowest (a fixed hash, so the sample depends only on the ids, and a smaller sample
     * is part of a larger one).
     */
    static int[] sample(List<Paper> papers, int most) {
        int n = papers.size();
        int[] chosen = new int[Math.min(n, most)];
        if (n <= most) {
            Arrays.setAll(chosen, i -> i);
            return chosen;
        }
        long[] keys = new long[n]; // the hash's high half, then the position: sorting them sorts by hash
        for (int i = 0; i < n; i++) {
            keys[i] = (mix(papers.get(i).id().hashCode()) & 0xFFFF_FFFF_0000_0000L) | i;
        }
        Arrays.sort(keys);
        for (int s = 0; s < most; s++) {
            chosen[s] = (int) keys[s];
        }
        Arrays.sort(chosen);
        return chosen;
    }

    /** MurmurHash3's 64-bit finalizer: spreads a string hash over all bits. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb93e53e9a2a3L;
        h ^= h >>> 33;
        return h;
    }

    private static float rounded(double v) {
        return Math.round(v * 1_000) / 1_000f;
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
