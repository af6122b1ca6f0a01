package io.simdex.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.simdex.TestModels;
import io.simdex.corpus.Corpus;
import io.simdex.corpus.CorpusLoader;
import io.simdex.corpus.Paper;
import io.simdex.encode.OnnxEncoder;
import io.simdex.index.IndexOptions;
import io.simdex.store.PaperStore;
import io.simdex.store.StoreOptions;
import io.simdex.store.StoredEmbedding;

import java.nio.file.Path;
import java.util.List;

/**
 * A store filled in fp32 and then served in int8, on the real models: the int8 model has an identity of its own, so
 * every paper is encoded once more and the collection serves only int8 vectors; going back to fp32 encodes nothing.
 */
class PrecisionSwitchIT {

    @TempDir
    Path dir;

    @Test
    void switching_precision_encodes_every_paper_once_for_the_new_one_and_never_mixes_vectors() {
        List<Paper> papers = CorpusLoader.load(CorpusLoader.BUNDLED).papers().subList(0, 12);
        OnnxEncoder fp32 = TestModels.minilm();
        OnnxEncoder int8 = TestModels.minilmInt8();
        assertThat(int8.modelId()).isNotEqualTo(fp32.modelId()).contains("/int8/");
        try (PaperStore store = PaperStore.open(StoreOptions.defaults().withPath(dir.resolve("simdex.db")))) {
            Seeder.seed(store, fp32, "bundled", () -> new Corpus(papers, List.of()));
            assertThat(store.countMissingEmbeddings(fp32.modelId())).isZero();
            assertThat(store.countMissingEmbeddings(int8.modelId())).isEqualTo(papers.size());

            try (var collection = LiveCollection.open(store, int8, IndexOptions.defaults())) {
                assertThat(collection.encodedAtOpen()).isEqualTo(papers.size());
                String sha = StoredEmbedding.textSha256(papers.get(0).embeddingText());
                float[] served = collection.indexed().index().vector(papers.get(0).id()).orElseThrow();
                assertThat(served).containsExactly(store.embedding(int8.modelId(), sha).orElseThrow().vector());
                assertThat(served).isNotEqualTo(store.embedding(fp32.modelId(), sha).orElseThrow().vector());
            }
            try (var collection = LiveCollection.open(store, fp32, IndexOptions.defaults())) {
                assertThat(collection.encodedAtOpen()).isZero();
            }
        }
    }
}
