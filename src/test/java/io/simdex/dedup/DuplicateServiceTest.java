package io.simdex.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.simdex.FakeEncoder;
import io.simdex.corpus.Corpus;
import io.simdex.corpus.Paper;
import io.simdex.ingest.CorpusIndexer;
import io.simdex.ingest.IndexedCorpus;
import io.simdex.search.InvalidQueryException;

import java.util.List;

/** The duplicate use cases' limits and bands, over a tiny corpus and the fake encoder. */
class DuplicateServiceTest {

    private IndexedCorpus indexed;
    private DuplicateService service;

    @AfterEach
    void close() {
        if (indexed != null) {
            indexed.index().close();
            indexed.lexical().close();
        }
    }

    @Test
    void a_threshold_that_admits_more_pairs_than_the_limit_asks_for_a_higher_one() {
        service = service(new DedupOptions(new DuplicateBands(0.95f, 0.8f, 0.3f, 0.5f), 3, 2));

        assertThatThrownBy(() -> service.clusters(0.01f))
                .isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("more than 2 pairs").hasMessageContaining("raise the threshold")
                .extracting(e -> ((InvalidQueryException) e).field()).isEqualTo("threshold");
        assertThat(service.clusters(0.99f).clusters()).isEmpty();
    }

    @Test
    void each_cluster_lists_its_pairs_with_their_scores_strongest_first() {
        service = service(new DedupOptions(new DuplicateBands(0.95f, 0.8f, 0.3f, 0.5f), 3, 100));
        float threshold = 0.5f;

        DuplicateClusters answer = service.clusters(threshold);

        assertThat(answer.clusters()).isNotEmpty().allSatisfy(cluster -> {
            var ids = cluster.papers().stream().map(DuplicateClusters.PaperRef::id).toList();
            assertThat(cluster.pairScores()).hasSize(cluster.pairs()).allSatisfy(pair -> {
                assertThat(ids).contains(pair.a(), pair.b());
                assertThat(pair.a()).isLessThan(pair.b());
                assertThat(pair.score()).isGreaterThanOrEqualTo(threshold);
            });
            assertThat(cluster.pairScores().get(0).score()).isEqualTo(cluster.maxScore());
            assertThat(cluster.pairScores()).extracting(DuplicateClusters.PairScore::score)
                    .isSortedAccordingTo(java.util.Comparator.reverseOrder());
        });
        assertThat(answer.clusters().stream().mapToInt(c -> c.pairScores().size()).sum()).isEqualTo(answer.pairs());
    }

    @Test
    void a_cluster_with_more_pairs_than_the_bound_lists_the_strongest_and_counts_all() {
        // 15 copies of one paper, all linked: 105 pairs, more than the 100 a cluster lists
        var copies = new java.util.ArrayList<Paper>();
        for (int i = 0; i < 15; i++) {
            copies.add(new Paper(String.format("copy-%02d", i), "Protein folding", "We study protein folding.",
                    List.of()));
        }
        copies.add(new Paper("other", "Speech", "We study speech recognition in noisy rooms.", List.of()));
        service = service(copies, new DedupOptions(new DuplicateBands(0.95f, 0.8f, 0.3f, 0.5f), 3, 1_000));

        DuplicateClusters answer = service.clusters(0.99f);

        assertThat(answer.clusters()).singleElement().satisfies(cluster -> {
            assertThat(cluster.papers()).hasSize(15);
            assertThat(cluster.pairs()).isEqualTo(105);
            assertThat(cluster.pairScores()).hasSize(DuplicateClusters.PAIR_SCORES_PER_CLUSTER);
            assertThat(cluster.pairScores().get(0).a()).isEqualTo("copy-00");
        });
    }

    @Test
    void copied_wording_lifts_a_related_match_to_near_duplicate() {
        var bands = new DuplicateBands(0.97f, 0.86f, 0.3f, 0.35f);

        assertThat(bands.of(0.5f, 0.1f)).isEqualTo(Band.RELATED);
        assertThat(bands.of(0.5f, 0.35f)).isEqualTo(Band.NEAR_DUPLICATE);
        assertThat(bands.of(0.9f, 0.9f)).isEqualTo(Band.DUPLICATE);
        assertThat(bands.of(0.99f, 0.0f)).isEqualTo(Band.DUPLICATE);
        assertThat(bands.of(0.2f, 1.0f)).isEqualTo(Band.NEW);
    }

    @Test
    void the_verdict_is_the_strongest_band_among_the_matches() {
        service = service(new DedupOptions(new DuplicateBands(0.99f, 0.9f, 0.1f, 0.6f), 5, 100));

        DuplicateCheck check = service.check("protein folding benchmarks are hard to beat", 5, false);

        assertThat(check.matches()).isNotEmpty();
        assertThat(check.verdict()).isEqualTo(check.matches().stream().map(DuplicateMatch::band)
                .min(Enum::compareTo).orElseThrow());
    }

    @Test
    void a_related_match_whose_sentences_all_say_the_paper_again_is_a_rewrite() {
        var bands = new DuplicateBands(0.99f, 0.95f, 0.1f, 0.9f);
        // each sentence of paper a, its words shuffled (no shared 3-gram), then unrelated sentences
        String rewrite = "Folding protein. Benchmarks folding protein study we. Tax forms for bakeries are due. "
                + "Rain falls on the mountain river. Pasta cooks in salted water.";

        service = service(new DedupOptions(bands, new RewriteRule(0.9f, 0.8f, 0.5f), 5, 100));
        DuplicateMatch lifted = match(service.check(rewrite, 5, false), "a");
        service = service(new DedupOptions(bands, new RewriteRule(0.9f, 1f, 0.5f), 5, 100));
        DuplicateMatch kept = match(service.check("Folding protein. Tax forms for bakeries are due. Rain falls on "
                + "the mountain river. Pasta cooks in salted water.", 5, false), "a");

        assertThat(lifted.score()).isLessThan(bands.nearDuplicate());
        assertThat(lifted.shingleContainment()).isLessThan(bands.copiedText());
        assertThat(lifted.alignedSentences()).isEqualTo(1f);
        assertThat(lifted.sharedSpecifics()).isNull();
        assertThat(lifted.band()).isEqualTo(Band.NEAR_DUPLICATE);
        assertThat(kept.alignedSentences()).isEqualTo(0.5f); // the title aligns, the abstract's sentence does not
        assertThat(kept.band()).isEqualTo(Band.RELATED);
    }

    @Test
    void a_rewrite_that_changes_the_numbers_and_names_is_not_lifted() {
        var bands = new DuplicateBands(0.99f, 0.95f, 0.1f, 0.9f);
        List<Paper> papers = List.of(new Paper("bert", "BERT for language understanding on GLUE",
                        "We show that BERT reaches 80.5 on the GLUE benchmark of language understanding tasks.", List.of()),
                new Paper("other", "Speech", "We study speech recognition in noisy rooms.", List.of()));
        service = service(papers, new DedupOptions(bands, new RewriteRule(0.5f, 0.5f, 0.5f), 5, 100));

        DuplicateMatch same = match(service.check("GLUE language understanding with BERT. On the GLUE benchmark of "
                + "language understanding tasks BERT reaches 80.5, we show. A further sentence about cooking pasta.",
                5, false), "bert");
        DuplicateMatch changed = match(service.check("SuperGLUE language understanding with RoBERTa. On the "
                + "SuperGLUE benchmark of language understanding tasks RoBERTa reaches 88.9, we show. A further "
                + "sentence about cooking pasta.", 5, false), "bert");

        assertThat(same.sharedSpecifics()).isEqualTo(1f);
        assertThat(same.band()).isEqualTo(Band.NEAR_DUPLICATE);
        assertThat(changed.alignedSentences()).isGreaterThanOrEqualTo(0.5f);
        assertThat(changed.sharedSpecifics()).isZero();
        assertThat(changed.band()).isEqualTo(Band.RELATED);
    }

    private static DuplicateMatch match(DuplicateCheck check, String id) {
        return check.matches().stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
    }

    private DuplicateService service(DedupOptions options) {
        return service(List.of(
                new Paper("a", "Protein folding", "We study protein folding benchmarks.", List.of()),
                new Paper("b", "Protein folding again", "We study protein folding benchmarks again.", List.of()),
                new Paper("c", "Speech", "We study speech recognition.", List.of()),
                new Paper("d", "Beat", "Benchmarks are hard to beat, we find.", List.of())), options);
    }

    private DuplicateService service(List<Paper> papers, DedupOptions options) {
        var encoder = new FakeEncoder(64);
        indexed = CorpusIndexer.index(new Corpus(papers, List.of()), encoder);
        return new DuplicateService(indexed, encoder, options);
    }
}
