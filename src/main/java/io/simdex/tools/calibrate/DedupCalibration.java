package io.simdex.tools.calibrate;

import io.simdex.corpus.Paper;
import io.simdex.dedup.Band;
import io.simdex.encode.Embedding;
import io.simdex.encode.Encoder;
import io.simdex.index.Hit;
import io.simdex.index.SearchRequest;
import io.simdex.ingest.IndexedCorpus;
import io.simdex.kernels.VectorMath;
import io.simdex.search.UnknownPaperException;
import io.simdex.text.TextOverlap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Measures how the model scores true duplicates against distinct papers, to set the duplicate bands from data.
 *
 * <p>True duplicates are generated {@link Variants} of sampled corpus papers (copies with noise, reordered,
 * paraphrased, truncated, retitled, all at once), each scored against its source. Distinct papers are each
 * corpus paper's nearest other paper: the hardest same-topic pair it has. Pairs the caller knows to be the
 * same work are left out of the distinct set and reported on their own.
 */
final class DedupCalibration {

    /** Variant kinds that keep the text, so that they belong in the {@link Band#DUPLICATE} band. */
    static final Set<Variant.Kind> COPIES = Set.of(Variant.Kind.EXACT_COPY, Variant.Kind.NOISE,
            Variant.Kind.REORDERED, Variant.Kind.RETITLED);

    private final IndexedCorpus corpus;
    private final Encoder encoder;

    DedupCalibration(IndexedCorpus corpus, Encoder encoder) {
        this.corpus = corpus;
        this.encoder = encoder;
    }

    /**
     * @param sample          how many papers to make variants of (all when larger than the corpus)
     * @param seed            picks the papers and drives the variants
     * @param knownDuplicates pairs of ids known to be the same work; excluded from the distinct pairs
     * @param progress        told after each batch of variants is encoded: (done, total)
     */
    DedupCalibrationReport run(int sample, long seed, List<List<String>> knownDuplicates,
            BiConsumer<Integer, Integer> progress) {
        List<Paper> papers = new ArrayList<>(corpus.corpus().papers());
        Collections.shuffle(papers, new Random(seed));
        papers = papers.subList(0, Math.min(sample, papers.size()));

        var variants = new ArrayList<Variant>();
        for (int i = 0; i < papers.size(); i++) {
            variants.addAll(Variants.of(papers.get(i), seed + i));
        }
        List<Embedding> vectors = encodeWithProgress(variants.stream().map(Variant::text).toList(), progress);

        var byKind = new EnumMap<Variant.Kind, List<DedupCalibrationReport.Scored>>(Variant.Kind.class);
        for (int i = 0; i < variants.size(); i++) {
            Variant variant = variants.get(i);
            float[] source = corpus.index().vector(variant.sourceId()).orElseThrow();
            float score = VectorMath.dot(vectors.get(i).vector(), source);
            List<Hit> top = corpus.index().search(SearchRequest.of(vectors.get(i).vector(), 1));
            boolean sourceFirst = !top.isEmpty() && top.get(0).id().equals(variant.sourceId());
            float containment = TextOverlap.between(variant.text(),
                    corpus.corpus().find(variant.sourceId()).orElseThrow().embeddingText()).shingleContainment();
            byKind.computeIfAbsent(variant.kind(), k -> new ArrayList<>())
                    .add(new DedupCalibrationReport.Scored(variant.sourceId(), score, containment, sourceFirst));
        }
        return new DedupCalibrationReport(papers.size(), byKind, distinct(knownDuplicates), known(knownDuplicates));
    }

    private List<Embedding> encodeWithProgress(List<String> texts, BiConsumer<Integer, Integer> progress) {
        var out = new ArrayList<Embedding>(texts.size());
        int step = 64;
        for (int from = 0; from < texts.size(); from += step) {
            out.addAll(encoder.encode(texts.subList(from, Math.min(texts.size(), from + step))));
            progress.accept(out.size(), texts.size());
        }
        return out;
    }

    /** Each paper's nearest other paper, known duplicates aside, with its score and lexical overlap. */
    private List<DedupCalibrationReport.Pair> distinct(List<List<String>> knownDuplicates) {
        var out = new ArrayList<DedupCalibrationReport.Pair>();
        for (Paper paper : corpus.corpus().papers()) {
            var skip = new HashSet<String>();
            skip.add(paper.id());
            for (List<String> pair : knownDuplicates) {
                if (pair.contains(paper.id())) {
                    skip.addAll(pair);
                }
            }
            float[] v = corpus.index().vector(paper.id()).orElseThrow();
            List<Hit> nearest = corpus.index().search(new SearchRequest(v, 1, skip, SearchRequest.NO_MIN_SCORE));
            if (!nearest.isEmpty()) {
                out.add(pair(paper.id(), nearest.get(0).id(), nearest.get(0).score()));
            }
        }
        return out;
    }

    private List<DedupCalibrationReport.Pair> known(List<List<String>> knownDuplicates) {
        var out = new ArrayList<DedupCalibrationReport.Pair>();
        for (List<String> pair : knownDuplicates) {
            float[] a = corpus.index().vector(pair.get(0)).orElseThrow(() -> new UnknownPaperException(pair.get(0)));
            float[] b = corpus.index().vector(pair.get(1)).orElseThrow(() -> new UnknownPaperException(pair.get(1)));
            out.add(pair(pair.get(0), pair.get(1), VectorMath.dot(a, b)));
        }
        return out;
    }

    private DedupCalibrationReport.Pair pair(String a, String b, float score) {
        String textA = corpus.corpus().find(a).orElseThrow().embeddingText();
        String textB = corpus.corpus().find(b).orElseThrow().embeddingText();
        return new DedupCalibrationReport.Pair(a, b, score, TextOverlap.between(textA, textB).shingleContainment());
    }

    /**
     * Labels scores for a threshold sweep: variants of {@code positiveKinds} are positives; variants of other
     * kinds are negatives when {@code othersNegative}, else left out; distinct pairs are always negatives.
     */
    static List<ThresholdSweep.Labelled> labelled(Map<Variant.Kind, List<DedupCalibrationReport.Scored>> byKind,
            List<DedupCalibrationReport.Pair> negatives, Set<Variant.Kind> positiveKinds, boolean othersNegative) {
        var out = new ArrayList<ThresholdSweep.Labelled>();
        byKind.forEach((kind, scored) -> {
            boolean positive = positiveKinds.contains(kind);
            if (positive || othersNegative) {
                scored.forEach(s -> out.add(new ThresholdSweep.Labelled(s.score(), positive)));
            }
        });
        negatives.forEach(n -> out.add(new ThresholdSweep.Labelled(n.score(), false)));
        return out;
    }
}
