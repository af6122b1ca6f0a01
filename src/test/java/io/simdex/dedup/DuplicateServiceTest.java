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

    private DuplicateService service(DedupOptions options) {
        var papers = List.of(
                new Paper("a", "Protein folding", "We study protein folding benchmarks.", List.of()),
                new Paper("b", "Protein folding again", "We study protein folding benchmarks again.", List.of()),
                new Paper("c", "Speech", "We study speech recognition.", List.of()),
                new Paper("d", "Beat", "Benchmarks are hard to beat, we find.", List.of()));
        var encoder = new FakeEncoder(64);
        indexed = CorpusIndexer.index(new Corpus(papers, List.of()), encoder);
        return new DuplicateService(indexed, encoder, options);
    }
}
