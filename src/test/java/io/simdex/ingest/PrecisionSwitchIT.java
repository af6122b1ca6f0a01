package io.simdex.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.simdex.App;
import io.simdex.TestModels;
import io.simdex.config.Settings;
import io.simdex.config.SettingsLoader;
import io.simdex.corpus.Corpus;
import io.simdex.corpus.CorpusLoader;
import io.simdex.corpus.JsonlCorpusWriter;
import io.simdex.corpus.Paper;
import io.simdex.encode.CpuFeatures;
import io.simdex.encode.OnnxEncoder;
import io.simdex.encode.Precision;
import io.simdex.encode.PrecisionChoice;
import io.simdex.index.IndexOptions;
import io.simdex.store.PaperStore;
import io.simdex.store.StoreOptions;
import io.simdex.store.StoredEmbedding;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A store filled in fp32 and then served in int8, on the real models: the int8 model has an identity of its own, so
 * every paper is encoded once more and the collection serves only int8 vectors; going back to fp32 encodes nothing.
 * With {@code model.precision: auto} (the default) a collection keeps the precision it was made with.
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

    @Test
    void with_auto_a_collection_made_at_fp32_is_served_at_fp32_without_encoding_and_an_explicit_int8_encodes_it()
            throws IOException {
        // given a collection made at fp32, as every collection was before auto became the default
        Path corpus = dir.resolve("papers.jsonl");
        try (Writer out = Files.newBufferedWriter(corpus, StandardCharsets.UTF_8)) {
            JsonlCorpusWriter.write(CorpusLoader.load(CorpusLoader.BUNDLED).papers().subList(0, 12), out);
        }
        Map<String, String> base = Map.of("model.cache-dir", TestModels.MODEL_CACHE.toString(),
                "store.path", dir.resolve("simdex.db").toString(), "corpus.path", corpus.toString(),
                "cache.dir", dir.resolve("vectors").toString());
        try (App made = App.build(load(base, "fp32"))) {
            assertThat(made.encodedAtStart()).isEqualTo(12);
        }
        // when it starts with the default, on whatever CPU runs this test
        try (App auto = App.build(load(base, "auto"))) {
            // then it stays fp32, with the fp32 bands, and nothing is encoded
            assertThat(auto.settings().model().precision()).isEqualTo(Precision.FP32);
            assertThat(auto.settings().dedup()).isEqualTo(load(base, "fp32").dedup());
            assertThat(auto.encodedAtStart()).isZero();
        }
        // an explicit int8 wins, and encodes the collection once at int8, as a switch always has
        try (App int8 = App.build(load(base, "int8"))) {
            assertThat(int8.settings().model().precision()).isEqualTo(Precision.INT8);
            assertThat(int8.encodedAtStart()).isEqualTo(12);
        }
        // a new collection gets the CPU's choice
        var fresh = new HashMap<>(base);
        fresh.put("store.path", dir.resolve("fresh.db").toString());
        try (App auto = App.build(load(fresh, "auto"))) {
            assertThat(auto.settings().model().precision())
                    .isEqualTo(PrecisionChoice.resolve("auto", CpuFeatures.detect()).precision());
        }
    }

    private static Settings load(Map<String, String> base, String precision) {
        var overrides = new HashMap<>(base);
        overrides.put("model.precision", precision);
        return SettingsLoader.load(null, Map.of(), overrides);
    }
}
