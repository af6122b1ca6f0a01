package io.simdex.tools.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.simdex.encode.Embedding;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

class EmbeddingCacheTest {

    private static final String MODEL = "test-model@0123/max256/mean";

    @TempDir
    Path dir;

    @Test
    void saved_entries_load_back_identically() {
        // given
        var cache = new EmbeddingCache(dir.resolve("m/corpus.vec"), MODEL, 4);
        Map<String, Embedding> entries = sampleEntries(5, 4);
        // when
        cache.save(entries);
        Map<String, Embedding> loaded = cache.load();
        // then
        assertThat(loaded).hasSameSizeAs(entries);
        entries.forEach((key, e) -> {
            assertThat(loaded.get(key).vector()).containsExactly(e.vector());
            assertThat(loaded.get(key).tokens()).isEqualTo(e.tokens());
            assertThat(loaded.get(key).tokensEmbedded()).isEqualTo(e.tokensEmbedded());
        });
    }

    @Test
    void a_missing_file_loads_as_empty() {
        assertThat(new EmbeddingCache(dir.resolve("none.vec"), MODEL, 4).load()).isEmpty();
    }

    @Test
    void a_cache_made_by_another_model_is_not_trusted() {
        Path file = dir.resolve("c.vec");
        new EmbeddingCache(file, MODEL, 4).save(sampleEntries(3, 4));
        assertThat(new EmbeddingCache(file, "other-model@ffff/max256/mean", 4).load()).isEmpty();
        assertThat(new EmbeddingCache(file, MODEL, 8).load()).isEmpty();
    }

    @Test
    void a_flipped_byte_anywhere_in_the_vectors_is_detected() throws IOException {
        Path file = dir.resolve("c.vec");
        var cache = new EmbeddingCache(file, MODEL, 4);
        cache.save(sampleEntries(3, 4));
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 20] ^= 0x01; // inside the last vector
        Files.write(file, bytes);
        assertThat(cache.load()).isEmpty();
    }

    @Test
    void a_file_cut_short_is_detected() throws IOException {
        Path file = dir.resolve("c.vec");
        var cache = new EmbeddingCache(file, MODEL, 4);
        cache.save(sampleEntries(3, 4));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 9));
        assertThat(cache.load()).isEmpty();
    }

    @Test
    void a_file_that_is_not_a_cache_is_detected() throws IOException {
        Path file = dir.resolve("c.vec");
        Files.writeString(file, "hello, this is not a vector cache");
        assertThat(new EmbeddingCache(file, MODEL, 4).load()).isEmpty();
    }

    @Test
    void saving_replaces_the_old_entries_and_leaves_no_temporary_files() throws IOException {
        Path file = dir.resolve("m/c.vec");
        var cache = new EmbeddingCache(file, MODEL, 4);
        cache.save(sampleEntries(5, 4));
        Map<String, Embedding> fewer = sampleEntries(2, 4);
        cache.save(fewer);
        assertThat(cache.load()).containsOnlyKeys(fewer.keySet());
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void keys_depend_on_every_character_of_the_text() {
        assertThat(EmbeddingCache.key("Attention is all you need"))
                .hasSize(64)
                .isNotEqualTo(EmbeddingCache.key("Attention is all you need."))
                .isEqualTo(EmbeddingCache.key("Attention is all you need"));
    }

    @Test
    void the_file_name_changes_with_the_model_identity() {
        Path a = EmbeddingCache.fileFor(dir, "m", "m@aaaa/max256/mean", "corpus");
        Path b = EmbeddingCache.fileFor(dir, "m", "m@aaaa/max128/mean", "corpus");
        assertThat(a).isNotEqualTo(b);
        assertThat(a.getParent()).isEqualTo(dir.resolve("m"));
    }

    private static Map<String, Embedding> sampleEntries(int n, int dim) {
        var random = new Random(42);
        var entries = new LinkedHashMap<String, Embedding>();
        for (int i = 0; i < n; i++) {
            float[] v = new float[dim];
            for (int d = 0; d < dim; d++) {
                v[d] = (float) random.nextGaussian();
            }
            entries.put(EmbeddingCache.key("text " + i), new Embedding(v, 300 + i, 256));
        }
        return entries;
    }
}
