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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

class CorpusIndexerTest {

    @TempDir
    Path dir;

    @Test
    void every_paper_is_indexed_under_its_id_with_its_token_counts() {
        var encoder = new FakeEncoder(10);
        IndexedCorpus indexed = CorpusIndexer.index(corpus(5, ""), encoder, Optional.empty());
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
        IndexedCorpus exact = CorpusIndexer.index(corpus, new FakeEncoder(), Optional.empty());
        IndexedCorpus quantized = CorpusIndexer.index(corpus, new FakeEncoder(), Optional.empty(), int8);
        try (var service = new SearchService(quantized, new FakeEncoder());
             var reference = new SearchService(exact, new FakeEncoder())) {
            assertThat(((FlatIndex) quantized.index()).stats().storage()).isEqualTo(IndexOptions.Storage.INT8);
            assertThat(((FlatIndex) exact.index()).stats().storage()).isEqualTo(IndexOptions.Storage.FLOAT32);
            for (String id : List.of("p1", "p17", "p33")) {
                assertThat(service.similar(id, 5, -1f).matches()).isEqualTo(reference.similar(id, 5, -1f).matches());
            }
        }
    }

    @Test
    void a_second_run_over_the_same_corpus_encodes_nothing() {
        var first = new FakeEncoder();
        CorpusIndexer.index(corpus(20, ""), first, Optional.of(cache(first)));
        var second = new FakeEncoder();
        IndexedCorpus again = CorpusIndexer.index(corpus(20, ""), second, Optional.of(cache(second)));
        assertThat(second.encodedTexts()).isZero();
        assertThat(again.encoded()).isZero();
        assertThat(again.index().vector("p7")).get().satisfies(v ->
                assertThat(v).containsExactly(first.encode(corpus(20, "").find("p7").orElseThrow().embeddingText()).vector()));
    }

    @Test
    void only_changed_papers_are_encoded_again() {
        var encoder = new FakeEncoder();
        CorpusIndexer.index(corpus(20, ""), encoder, Optional.of(cache(encoder)));
        var papers = new ArrayList<>(corpus(20, "").papers());
        papers.set(3, new Paper(papers.get(3).id(), papers.get(3).title(), "A rewritten abstract.", List.of()));
        var next = new FakeEncoder();
        IndexedCorpus indexed = CorpusIndexer.index(new Corpus(papers, List.of()), next, Optional.of(cache(next)));
        assertThat(next.encodedTexts()).isEqualTo(1);
        assertThat(indexed.encoded()).isEqualTo(1);
    }

    @Test
    void a_corrupt_cache_is_rebuilt_not_trusted() throws IOException {
        var encoder = new FakeEncoder();
        EmbeddingCache cache = cache(encoder);
        CorpusIndexer.index(corpus(10, ""), encoder, Optional.of(cache));
        byte[] bytes = Files.readAllBytes(cache.file());
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(cache.file(), bytes);

        var next = new FakeEncoder();
        CorpusIndexer.index(corpus(10, ""), next, Optional.of(cache(next)));
        assertThat(next.encodedTexts()).isEqualTo(10);
        assertThat(cache(next).load()).hasSize(10);
    }

    @Test
    void a_cache_from_another_model_is_not_used() {
        var encoder = new FakeEncoder(256);
        CorpusIndexer.index(corpus(10, ""), encoder, Optional.of(new EmbeddingCache(dir.resolve("c.vec"), encoder.modelId(), 64)));
        var other = new FakeEncoder(128); // another token budget is another model identity
        CorpusIndexer.index(corpus(10, ""), other, Optional.of(new EmbeddingCache(dir.resolve("c.vec"), other.modelId(), 64)));
        assertThat(other.encodedTexts()).isEqualTo(10);
    }

    private EmbeddingCache cache(FakeEncoder encoder) {
        return new EmbeddingCache(dir.resolve("corpus.vec"), encoder.modelId(), encoder.dimension());
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
