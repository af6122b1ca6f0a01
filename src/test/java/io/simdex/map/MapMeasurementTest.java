package io.simdex.map;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.simdex.BundledPapers;
import io.simdex.api.ApiJson;
import io.simdex.api.ApiResponses;
import io.simdex.corpus.Paper;
import io.simdex.kernels.VectorMath;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * How long computing the map takes, for the 772 bundled papers and for 100,000 synthetic ones (384-d vectors in 24
 * topics, abstracts of 150 words): the whole computation, each step, and the answer's size. Prints figures and
 * asserts only counts; off unless asked for:
 * {@code mvn test -Dtest=MapMeasurementTest -Dsimdex.map.measure=true [-Dsimdex.map.papers=N]}.
 */
@EnabledIfSystemProperty(named = "simdex.map.measure", matches = "true")
class MapMeasurementTest {

    private static final int DIMENSION = 384;
    private static final int RUNS = 3;

    @Test
    void measure_the_bundled_papers() throws Exception {
        List<Paper> papers = BundledPapers.all().stream().sorted(Comparator.comparing(Paper::id)).toList();
        float[][] vectors = new float[papers.size()][];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = hashedWords(papers.get(i).embeddingText());
        }
        measure("bundled", papers, vectors);
    }

    @Test
    void measure_synthetic_papers() throws Exception {
        int n = Integer.getInteger("simdex.map.papers", 100_000);
        var random = new Random(3);
        int topics = 24;
        float[][] centres = new float[topics][DIMENSION];
        for (float[] centre : centres) {
            for (int j = 0; j < DIMENSION; j++) {
                centre[j] = (float) random.nextGaussian();
            }
            VectorMath.normalizeInPlace(centre);
        }
        var papers = new ArrayList<Paper>(n);
        float[][] vectors = new float[n][];
        for (int i = 0; i < n; i++) {
            int topic = random.nextInt(topics);
            float[] v = new float[DIMENSION];
            for (int j = 0; j < DIMENSION; j++) {
                v[j] = centres[topic][j] + (float) (0.06 * random.nextGaussian());
            }
            VectorMath.normalizeInPlace(v);
            vectors[i] = v;
            var text = new StringBuilder();
            for (int w = 0; w < 150; w++) {
                // a third of the words come from the paper's topic, the rest from all topics
                int from = w % 3 == 0 ? topic : random.nextInt(topics);
                text.append("topic").append((char) ('a' + from)).append("word")
                        .append((char) ('a' + random.nextInt(20))).append(' ');
            }
            papers.add(new Paper(String.format(Locale.ROOT, "paper-%07d", i), "A synthetic paper about topic "
                    + (char) ('a' + topic) + " and some other words", text.toString(), List.of(), Map.of()));
        }
        measure("synthetic", papers, vectors);
    }

    private static void measure(String name, List<Paper> papers, float[][] vectors) throws Exception {
        System.out.printf(Locale.ROOT, "map of %,d %s papers, %d-d, kernels %s%n", papers.size(), name,
                vectors[0].length, VectorMath.implementation());
        CorpusMapView map = null;
        for (int run = 0; run < RUNS; run++) {
            map = MapService.compute(papers, vectors, 0, System.nanoTime());
            System.out.printf(Locale.ROOT, "  run %d: %,d ms%n", run + 1, map.computeMillis());
        }
        assertThat(map.papers()).isEqualTo(papers.size());
        int[] sample = MapService.sample(papers, MapService.MAX_SAMPLE);
        float[][] rows = new float[sample.length][];
        for (int s = 0; s < sample.length; s++) {
            rows[s] = vectors[sample[s]];
        }
        long t0 = System.nanoTime();
        Pca.Axes axes = Pca.fit(rows);
        long t1 = System.nanoTime();
        for (float[] v : vectors) {
            axes.project(v);
        }
        long t2 = System.nanoTime();
        float[][] centroids = KMeans.fit(rows, KMeans.clusterCount(rows.length));
        long t3 = System.nanoTime();
        for (float[] v : vectors) {
            KMeans.nearest(centroids, v);
        }
        long t4 = System.nanoTime();
        int[] labelled = MapService.sample(papers, MapService.MAX_LABEL_SAMPLE);
        int[] clusterOf = new int[labelled.length];
        var texts = new ArrayList<String>(labelled.length);
        for (int s = 0; s < labelled.length; s++) {
            clusterOf[s] = KMeans.nearest(centroids, vectors[labelled[s]]);
            texts.add(papers.get(labelled[s]).embeddingText());
        }
        ClusterLabels.of(texts, clusterOf, centroids.length);
        long t5 = System.nanoTime();
        System.out.printf(Locale.ROOT, "  steps on a sample of %,d: axes %d ms, projection of all %d ms, k-means"
                + " (k=%d) %d ms, assignment of all %d ms, labels from %,d papers %d ms%n", rows.length, ms(t0, t1),
                ms(t1, t2), centroids.length, ms(t2, t3), ms(t3, t4), labelled.length, ms(t4, t5));
        String json = ApiJson.mapper().writeValueAsString(ApiResponses.CorpusMap.of(map, 0));
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        var gzipped = new java.io.ByteArrayOutputStream();
        try (var gzip = new java.util.zip.GZIPOutputStream(gzipped)) {
            gzip.write(bytes);
        }
        System.out.printf(Locale.ROOT, "  answer: %,d bytes (%.1f per paper), %,d gzipped; clusters: %s%n",
                bytes.length, (double) bytes.length / Math.max(1, papers.size()), gzipped.size(), map.clusters().stream().limit(6).map(c -> c.size() + " [" + c.label() + "]").toList());
    }

    /** A 384-d bag of hashed words: papers that share words point the same way. */
    private static float[] hashedWords(String text) {
        float[] v = new float[DIMENSION];
        v[0] = 1e-3f;
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                int h = w.hashCode() * 0x9E3779B1;
                v[Math.floorMod(h, DIMENSION)] += (h & 0x10000) == 0 ? 1f : -1f;
            }
        }
        VectorMath.normalizeInPlace(v);
        return v;
    }

    private static long ms(long from, long to) {
        return (to - from) / 1_000_000;
    }
}
