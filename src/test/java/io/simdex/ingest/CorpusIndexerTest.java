package io.simdex.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.simdex.FakeEncoder;
import io.simdex.corpus.Corpus;
import io.simdex.corpus.Paper;
import io.simdex.index.FlatIndex;
import io.simdex.index.IndexOptions;
import io.simdex.search.SearchService;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

class CorpusIndexerTest {

    @TempDir
    Path dir;

    @Test
    void every_paper_is_indexed_under_its_id_with_its_token_counts() {
        var encoder = new FakeEncoder(10);
        IndexedCorpus indexed = CorpusIndexer.index(corpus(5, ""), encoder);
        assertThat(indexed.index().size()).isEqualTo(5);
        assertThat(indexed.index().contains("p3")).isTrue();
        assertThat(indexed.tokens().get("p3").tokensEmbedded()).isEqualTo(10);
        assertThat(indexed.tokens().get("p3").truncated()).isTrue();
        assertThat(indexed.encoded()).isEqualTo(5);
        assertThat(indexed.lexical().size()).isEqualTo(5);
    }

    @Test
    void the_index_is_built_with_the_options_given_and_int8_storage_answers_like_float32() {
        Corpus corpus = corpus(40, "");
        IndexOptions int8 = IndexOptions.defaults().withThreads(1).withStorage(IndexOptions.Storage.INT8)
                .withSpillDir(dir);
        IndexedCorpus exact = CorpusIndexer.index(corpus, new FakeEncoder());
        IndexedCorpus quantized = CorpusIndexer.index(corpus, new FakeEncoder(), int8);
        try (var service = new SearchService(quantized, new FakeEncoder());
             var reference = new SearchService(exact, new FakeEncoder())) {
            assertThat(((FlatIndex) quantized.index()).stats().storage()).isEqualTo(IndexOptions.Storage.INT8);
            assertThat(((FlatIndex) exact.index()).stats().storage()).isEqualTo(IndexOptions.Storage.FLOAT32);
            for (String id : List.of("p1", "p17", "p33")) {
                assertThat(service.similar(id, 5, -1f).matches()).isEqualTo(reference.similar(id, 5, -1f).matches());
            }
        }
    }

    private static Corpus corpus(int n, String suffix) {
        var papers = new ArrayList<Paper>();
        for (int i = 0; i < n; i++) {
            papers.add(new Paper("p" + i, "Title number " + i + suffix,
                    "Abstract " + i + " about topic " + (i % 3) + " with several words in it.", List.of()));
        }
        return new Corpus(papers, List.of());
    }
}
