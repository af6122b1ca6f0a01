package io.simdex.tools.calibrate;

import io.simdex.corpus.Paper;
import io.simdex.encode.Embedding;
import io.simdex.encode.Encoder;
import io.simdex.index.Hit;
import io.simdex.index.SearchRequest;
import io.simdex.ingest.IndexedCorpus;
import io.simdex.kernels.VectorMath;
import io.simdex.search.MatchExplainer;
import io.simdex.text.SpecificTokens;
import io.simdex.text.TextOverlap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Measures every signal of the duplicate check on human-written cases: each rewrite against its source (should be
 * flagged), each rewrite against the other papers a check of it returns, and the corpus's hardest distinct pairs
 * (each paper's nearest other paper, and the pairs read and labelled distinct); pairs labelled the same work are
 * measured apart. Sentences are embedded once per text, in batches, exactly as a check splits them.
 */
final class RewriteCalibration {

    /** Other papers per rewrite, as a check with the default {@code dedup.matches} returns them. */
    static final int OTHER_MATCHES = 5;

    private final IndexedCorpus corpus;
    private final Encoder encoder;

    RewriteCalibration(IndexedCorpus corpus, Encoder encoder) {
        this.corpus = corpus;
        this.encoder = encoder;
    }

    /**
     * One pair measured: its cosine, word 3-gram containment, sentence cosines and specific-token overlap.
     *
     * @param kind     {@code paraphrase}, {@code half}, {@code expanded}, {@code non_native} (a rewrite and its
     *                 source), {@code other} (a rewrite and another paper), {@code distinct} or {@code known}
     * @param heldOut  whether the pair belongs to the held-out half
     * @param cosines  sentence cosines, rows the first text's sentences
     * @param specific the specific-token overlap; NaN when either text has none
     */
    record Case(String kind, String first, String second, boolean heldOut, float cosine, float containment,
                float[][] cosines, float specific) {

        /** Whether the pair is the same work. */
        boolean positive() {
            return RewriteSet.STYLES.contains(kind) || kind.equals("known");
        }
    }

    /** @param progress told after each batch of sentences is embedded: (done, total) */
    List<Case> run(RewriteSet set, BiConsumer<Integer, Integer> progress) {
        set.requireKnown(corpus.corpus().papers().stream().map(Paper::id).collect(HashSet::new, Set::add, Set::addAll));
        Map<String, Set<String>> sameWork = new HashMap<>();
        for (RewriteSet.LabelledPair pair : set.pairs()) {
            if (pair.duplicate()) {
                sameWork.computeIfAbsent(pair.first(), k -> new HashSet<>()).add(pair.second());
                sameWork.computeIfAbsent(pair.second(), k -> new HashSet<>()).add(pair.first());
            }
        }
        var texts = new LinkedHashMap<String, String>(); // key: rewrite id or paper id
        var pending = new ArrayList<Pending>();
        List<Embedding> rewriteVectors = encoder.encode(set.rewrites().stream().map(RewriteSet.Rewrite::text).toList());
        var perStyle = new HashMap<String, Integer>();
        for (int i = 0; i < set.rewrites().size(); i++) {
            RewriteSet.Rewrite rewrite = set.rewrites().get(i);
            boolean heldOut = perStyle.merge(rewrite.style(), 1, Integer::sum) % 2 == 0;
            float[] vector = rewriteVectors.get(i).vector();
            texts.put(rewrite.id(), rewrite.text());
            pending.add(new Pending(rewrite.style(), rewrite.id(), rewrite.source(), heldOut,
                VectorMath.dot(vector, vectorOf(rewrite.source()))));
            var skip = new HashSet<>(sameWork.getOrDefault(rewrite.source(), Set.of()));
            skip.add(rewrite.source());
            for (Hit hit : corpus.index().search(new SearchRequest(vector, OTHER_MATCHES, skip,
                    SearchRequest.NO_MIN_SCORE))) {
                pending.add(new Pending("other", rewrite.id(), hit.id(), heldOut, hit.score()));
            }
        }
        int n = 0;
        for (List<String> pair : distinctPairs(set, sameWork)) {
            pending.add(new Pending("distinct", pair.get(0), pair.get(1), n++ % 2 == 1,
                VectorMath.dot(vectorOf(pair.get(0)), vectorOf(pair.get(1)))));
        }
        for (RewriteSet.LabelledPair pair : set.pairs()) {
            if (pair.duplicate()) {
                pending.add(new Pending("known", pair.first(), pair.second(), true,
                    VectorMath.dot(vectorOf(pair.first()), vectorOf(pair.second()))));
            }
        }
        for (Pending p : pending) {
            for (String key : List.of(p.first(), p.second())) {
                texts.computeIfAbsent(key, id -> corpus.corpus().find(id).orElseThrow().embeddingText());
            }
        }
        Map<String, List<float[]>> sentences = sentenceVectors(texts, progress);
        var cases = new ArrayList<Case>(pending.size());
        for (Pending p : pending) {
            String a = texts.get(p.first());
            String b = texts.get(p.second());
            cases.add(new Case(p.kind(), p.first(), p.second(), p.heldOut(), p.cosine(),
                    TextOverlap.between(a, b).shingleContainment(),
                    cosines(sentences.get(p.first()), sentences.get(p.second())), SpecificTokens.overlap(a, b)));
        }
        return cases;
    }

    /** A pair to measure: a rewrite id or a paper id first, a paper id second. */
    private record Pending(String kind, String first, String second, boolean heldOut, float cosine) {
    }

    /** Each paper's nearest other paper and every pair labelled distinct, each once, in id order. */
    private List<List<String>> distinctPairs(RewriteSet set, Map<String, Set<String>> sameWork) {
        var pairs = new LinkedHashSet<List<String>>();
        for (Paper paper : corpus.corpus().papers()) {
            var skip = new HashSet<>(sameWork.getOrDefault(paper.id(), Set.of()));
            skip.add(paper.id());
            for (Hit hit : corpus.index().search(new SearchRequest(vectorOf(paper.id()), 1, skip,
                    SearchRequest.NO_MIN_SCORE))) {
                pairs.add(ordered(paper.id(), hit.id()));
            }
        }
        for (RewriteSet.LabelledPair pair : set.pairs()) {
            if (!pair.duplicate()) {
                pairs.add(ordered(pair.first(), pair.second()));
            }
        }
        var sorted = new ArrayList<>(pairs);
        sorted.sort(Comparator.comparing((List<String> p) -> p.get(0)).thenComparing(p -> p.get(1)));
        return sorted;
    }

    private static List<String> ordered(String a, String b) {
        return a.compareTo(b) < 0 ? List.of(a, b) : List.of(b, a);
    }

    private float[] vectorOf(String id) {
        return corpus.index().vector(id).orElseThrow();
    }

    /** Every text's sentences (as a check splits them), embedded in batches of 64. */
    private Map<String, List<float[]>> sentenceVectors(Map<String, String> texts,
            BiConsumer<Integer, Integer> progress) {
        var all = new ArrayList<String>();
        var counts = new LinkedHashMap<String, Integer>();
        texts.forEach((key, text) -> {
            List<String> split = MatchExplainer.paperSentences(text);
            counts.put(key, split.size());
            all.addAll(split);
        });
        var vectors = new ArrayList<float[]>(all.size());
        for (int from = 0; from < all.size(); from += 64) {
            encoder.encode(all.subList(from, Math.min(all.size(), from + 64))).forEach(e -> vectors.add(e.vector()));
            progress.accept(vectors.size(), all.size());
        }
        var out = new HashMap<String, List<float[]>>();
        int next = 0;
        for (var entry : counts.entrySet()) {
            out.put(entry.getKey(), vectors.subList(next, next + entry.getValue()));
            next += entry.getValue();
        }
        return out;
    }

    private static float[][] cosines(List<float[]> a, List<float[]> b) {
        float[][] out = new float[a.size()][b.size()];
        for (int i = 0; i < a.size(); i++) {
            for (int j = 0; j < b.size(); j++) {
                out[i][j] = VectorMath.dot(a.get(i), b.get(j));
            }
        }
        return out;
    }
}
