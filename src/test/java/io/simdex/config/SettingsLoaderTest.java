package io.simdex.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.simdex.encode.CpuFeatures;
import io.simdex.encode.LongTexts;
import io.simdex.encode.Optimization;
import io.simdex.encode.Pooling;
import io.simdex.encode.Pools;
import io.simdex.encode.Precision;
import io.simdex.index.IndexOptions;
import io.simdex.search.Fusion;
import io.simdex.search.SearchMode;
import io.simdex.search.SearchOptions;
import io.simdex.store.StoreOptions;
import io.simdex.store.elastic.ElasticOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

class SettingsLoaderTest {

    @TempDir
    Path dir;

    @Test
    void defaults_bind_to_loopback_and_serve_the_bundled_corpus_with_minilm() {
        Settings s = SettingsLoader.load(null, Map.of(), Map.of(), AVX2);
        assertThat(s.server().host()).isEqualTo("127.0.0.1");
        assertThat(s.server().port()).isEqualTo(7070);
        assertThat(s.corpus().path()).isEqualTo("bundled");
        assertThat(s.model().name()).isEqualTo("all-minilm-l6-v2");
        assertThat(s.model().dir()).isEqualTo(Path.of("model-cache", "all-minilm-l6-v2"));
        assertThat(s.model().maxTokens()).isEqualTo(256);
        assertThat(s.model().pooling()).isEqualTo(Pooling.MEAN);
        assertThat(s.api().maxK()).isEqualTo(100);
        assertThat(s.cache().dir()).isEqualTo(Path.of("model-cache", "vectors"));
    }

    @Test
    void the_shipped_config_file_matches_the_built_in_defaults() {
        Path empty = dir.resolve("empty.yaml");
        Settings builtIn = SettingsLoader.load(writeEmpty(empty), Map.of(), Map.of());
        assertThat(SettingsLoader.load(Path.of("config", "simdex.yaml"), Map.of(), Map.of())).isEqualTo(builtIn);
    }

    @Test
    void the_file_beats_defaults_the_environment_beats_the_file_and_flags_beat_everything() throws IOException {
        Path file = yaml("server:\n  port: 8000\n  host: 0.0.0.0\napi:\n  max-k: 50\nmodel:\n  name: all-minilm-l6-v2-q\n");
        Map<String, String> env = Map.of("SIMDEX_SERVER_PORT", "9000", "SIMDEX_API_MAX_K", "60");
        Settings s = SettingsLoader.load(file, env, Map.of("server.port", "9100"));
        assertThat(s.server().port()).isEqualTo(9100);
        assertThat(s.api().maxK()).isEqualTo(60);
        assertThat(s.server().host()).isEqualTo("0.0.0.0");
        assertThat(s.model().dir()).isEqualTo(Path.of("model-cache", "all-minilm-l6-v2-q"));
        assertThat(SettingsLoader.load(file, env, Map.of(), VNNI).model().dir()).as("auto picks int8: the same folder")
                .isEqualTo(Path.of("model-cache", "all-minilm-l6-v2-q"));
    }

    @Test
    void the_elasticsearch_backend_reads_its_cluster_index_and_secrets() {
        Settings s = SettingsLoader.load(null, Map.of("SIMDEX_ELASTICSEARCH_API_KEY", "a2V5"), Map.of(
                "store.backend", "elasticsearch", "elasticsearch.url", "http://10.0.0.5",
                "elasticsearch.index-options", "int8_hnsw", "elasticsearch.replicas", "1"));

        assertThat(s.store().backend()).isEqualTo(StoreOptions.Backend.ELASTICSEARCH);
        ElasticOptions es = s.store().elasticsearch().orElseThrow();
        assertThat(es.url()).hasToString("http://10.0.0.5:9200");
        assertThat(es.index()).isEqualTo(ElasticOptions.DEFAULT_INDEX);
        assertThat(es.shards()).isEqualTo(1);
        assertThat(es.replicas()).isEqualTo(1);
        assertThat(es.vectors()).isEqualTo(ElasticOptions.VectorIndexing.INT8_HNSW);
        assertThat(es.vectors().exact()).isFalse();
        assertThat(es.apiKey()).contains("a2V5");
        assertThat(es.toString()).doesNotContain("a2V5");
        assertThat(SettingsLoader.load(null, Map.of(), Map.of()).store().elasticsearch()).isEmpty();
    }

    @Test
    void bad_elasticsearch_settings_are_named_in_one_line() {
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of("store.backend", "cassandra")))
                .isInstanceOf(SettingsException.class)
                .hasMessage("store.backend must be 'sqlite' or 'elasticsearch', got 'cassandra'");
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of("store.backend", "elasticsearch",
                "elasticsearch.url", "http://127.0.0.1:9200", "elasticsearch.index-options", "hnsw")))
                .isInstanceOf(SettingsException.class)
                .hasMessage("elasticsearch.index-options must be flat, int8_flat or int8_hnsw, got 'hnsw'");
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of("store.backend", "elasticsearch",
                "elasticsearch.url", "http://127.0.0.1:9200", "elasticsearch.index", "Papers")))
                .isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("elasticsearch.index must be a lower-case Elasticsearch index name");
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of("store.backend", "elasticsearch",
                "elasticsearch.url", "ftp://example.org")))
                .isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("elasticsearch.url must be http://HOST:PORT");
    }

    @Test
    void the_knn_settings_are_read_and_bad_values_named_in_one_line() {
        Map<String, String> cluster = Map.of("store.backend", "elasticsearch",
                "elasticsearch.url", "http://127.0.0.1:9200");
        var tuned = new java.util.HashMap<>(cluster);
        tuned.put("elasticsearch.num-candidates", "400");
        tuned.put("elasticsearch.oversample", "3");

        assertThat(SettingsLoader.load(null, Map.of(), cluster).store().elasticsearch().orElseThrow().knn())
                .isEqualTo(ElasticOptions.Knn.DEFAULT);
        assertThat(SettingsLoader.load(null, Map.of(), tuned).store().elasticsearch().orElseThrow().knn())
                .isEqualTo(new ElasticOptions.Knn(400, 3f));
        tuned.put("elasticsearch.num-candidates", "0");
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), tuned))
                .isInstanceOf(SettingsException.class)
                .hasMessage("elasticsearch.num-candidates must be 1..10000, got 0");
        tuned.put("elasticsearch.num-candidates", "many");
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), tuned))
                .isInstanceOf(SettingsException.class)
                .hasMessage("setting 'elasticsearch.num-candidates' must be a whole number, got 'many'");
        tuned.put("elasticsearch.num-candidates", "400");
        tuned.put("elasticsearch.oversample", "0.5");
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), tuned))
                .isInstanceOf(SettingsException.class)
                .hasMessage("elasticsearch.oversample must be 0 (off) or between 1 and 10, got 0.5");
    }

    @Test
    void int8_precision_runs_the_quantized_export_beside_the_fp32_model() {
        Settings s = SettingsLoader.load(null, Map.of("SIMDEX_MODEL_PRECISION", "int8"), Map.of());
        assertThat(s.model().precision()).isEqualTo(Precision.INT8);
        assertThat(s.model().name()).isEqualTo("all-minilm-l6-v2");
        assertThat(s.model().dir()).isEqualTo(Path.of("model-cache", "all-minilm-l6-v2-q"));
        Settings explicit = SettingsLoader.load(null, Map.of(),
                Map.of("model.precision", "int8", "model.dir", "elsewhere"));
        assertThat(explicit.model().dir()).isEqualTo(Path.of("elsewhere"));
    }

    @Test
    void auto_precision_runs_int8_on_a_cpu_with_vnni_and_fp32_on_one_without() {
        var vnni = new CpuFeatures("amd64", Set.of("avx2", "avx512f", "avx512_vnni"), "test");
        var avx2 = new CpuFeatures("amd64", Set.of("avx2", "fma"), "test");
        Map<String, String> auto = Map.of("model.precision", "auto");
        Settings fast = SettingsLoader.load(null, Map.of(), auto, vnni);
        assertThat(fast.model().precision()).isEqualTo(Precision.INT8);
        assertThat(fast.model().dir()).isEqualTo(Path.of("model-cache", "all-minilm-l6-v2-q"));
        Settings plain = SettingsLoader.load(null, Map.of(), auto, avx2);
        assertThat(plain.model().precision()).isEqualTo(Precision.FP32);
        assertThat(plain.model().dir()).isEqualTo(Path.of("model-cache", "all-minilm-l6-v2"));
        assertThat(SettingsLoader.load(null, Map.of(), Map.of("model.precision", "fp32"), vnni).model().precision())
                .isEqualTo(Precision.FP32);
    }

    private static final CpuFeatures VNNI = new CpuFeatures("amd64", Set.of("avx2", "avx512f", "avx512_vnni"), "test");
    private static final CpuFeatures AVX2 = new CpuFeatures("amd64", Set.of("avx2", "fma"), "test");

    @Test
    void the_default_precision_is_auto() {
        Settings s = SettingsLoader.load(null, Map.of(), Map.of(), VNNI);
        assertThat(s.precision().choice().automatic()).isTrue();
        assertThat(s.model().precision()).isEqualTo(Precision.INT8);
        assertThat(SettingsLoader.load(null, Map.of(), Map.of(), AVX2).model().precision()).isEqualTo(Precision.FP32);
    }

    @Test
    void with_auto_a_collection_made_at_fp32_keeps_fp32_with_its_model_folder_and_duplicate_bands() {
        // given the default (auto) on a CPU with VNNI, where a new collection would be int8
        Settings auto = SettingsLoader.load(null, Map.of(), Map.of(), VNNI);
        Settings fp32 = SettingsLoader.load(null, Map.of(), Map.of("model.precision", "fp32"), VNNI);
        assertThat(auto.dedup()).isNotEqualTo(fp32.dedup()); // the bands are calibrated per precision
        // when the collection was made at fp32
        Settings kept = auto.forCollection(Optional.of(Precision.FP32));
        // then it is served as fp32 settings would serve it
        assertThat(kept.model()).isEqualTo(fp32.model());
        assertThat(kept.dedup()).isEqualTo(fp32.dedup());
        assertThat(kept.model().dir()).isEqualTo(Path.of("model-cache", "all-minilm-l6-v2"));
        assertThat(kept.precision().choice().reason()).contains("made at fp32").contains("avx512_vnni");
        // and an empty collection takes the CPU's choice
        assertThat(auto.forCollection(Optional.empty())).isEqualTo(auto);
        assertThat(auto.forCollection(Optional.of(Precision.INT8))).isEqualTo(auto);
    }

    @Test
    void auto_runs_fp32_for_a_model_of_your_own_that_has_no_int8_export() throws IOException {
        Path cache = dir.resolve("cache");
        Path fp32 = Files.createDirectories(cache.resolve("my-model"));
        Files.writeString(fp32.resolve(ModelDescriptor.FILE_IN_MODEL_DIR), "pooling: mean\nmax-tokens: 128\n");
        Map<String, String> mine = Map.of("model.name", "my-model", "model.cache-dir", cache.toString());

        Settings s = SettingsLoader.load(null, Map.of(), mine, VNNI);

        assertThat(s.model().precision()).isEqualTo(Precision.FP32);
        assertThat(s.model().dir()).isEqualTo(fp32);
        assertThat(s.precision().choice().reason()).contains("avx512_vnni").contains("holds no int8 export");
        assertThat(s.forCollection(Optional.of(Precision.INT8))).isEqualTo(s);
    }

    @Test
    void an_explicit_precision_is_kept_whatever_the_collection_was_made_at() {
        Settings int8 = SettingsLoader.load(null, Map.of(), Map.of("model.precision", "int8"), AVX2);
        assertThat(int8.forCollection(Optional.of(Precision.FP32))).isEqualTo(int8);
        assertThat(int8.precision().other()).isEmpty();
        Settings fp32 = SettingsLoader.load(null, Map.of(), Map.of("model.precision", "fp32"), VNNI);
        assertThat(fp32.forCollection(Optional.of(Precision.INT8)).model().precision()).isEqualTo(Precision.FP32);
    }

    @Test
    void the_pools_default_to_one_bulk_worker_and_one_query_thread_per_core_and_can_be_set() {
        int cores = Runtime.getRuntime().availableProcessors();
        Settings defaults = SettingsLoader.load(null, Map.of(), Map.of());
        assertThat(defaults.model().pools()).isEqualTo(new Pools(cores, 1, cores, Pools.DEFAULT_BATCH_TOKENS));
        Settings set = SettingsLoader.load(null, Map.of("SIMDEX_MODEL_QUERY_THREADS", "3"), Map.of(
                "model.bulk-workers", "4", "model.bulk-threads-per-worker", "2", "model.batch-tokens", "4096"));
        assertThat(set.model().pools()).isEqualTo(new Pools(4, 2, 3, 4096));
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of("model.batch-tokens", "8")))
                .isInstanceOf(SettingsException.class).hasMessage("model.batch-tokens must be 16..65536, got 8");
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of("model.query-threads", "-1")))
                .hasMessage("model.query-threads must be 0 (one per core) or more, got -1");
    }

    @Test
    void encoder_and_index_tuning_settings_are_read() {
        Settings s = SettingsLoader.load(null, Map.of(), Map.of(
                "model.optimization", "extended", "model.long-texts", "chunk", "model.chunk-overlap", "64",
                "index.threads", "3", "index.storage", "int8", "index.oversample", "8", "index.spill-dir", "spill"));
        assertThat(s.model().optimization()).isEqualTo(Optimization.EXTENDED);
        assertThat(s.model().longTexts()).isEqualTo(LongTexts.CHUNK);
        assertThat(s.model().chunkOverlap()).isEqualTo(64);
        assertThat(s.index()).isEqualTo(new IndexOptions(3, IndexOptions.Storage.INT8, 8, Path.of("spill")));
                Settings defaults = SettingsLoader.load(null, Map.of(), Map.of());
        assertThat(defaults.index().threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(defaults.index().spillDir()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
        assertThat(defaults.model().longTexts()).isEqualTo(LongTexts.TRUNCATE);
    }

    @Test
    void bad_tuning_values_name_the_key_and_what_is_accepted() {
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of("model.precision", "fp16")))
                .isInstanceOf(SettingsException.class).hasMessageContaining("'auto', 'fp32' or 'int8'");
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of("model.optimization", "max")))
                .hasMessageContaining("none, basic, extended, all");
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of("model.long-texts", "split")))
                .hasMessageContaining("'truncate' or 'chunk'");
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of("model.chunk-overlap", "200")))
                .hasMessageContaining("model.chunk-overlap must be 0..127");
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of("index.storage", "int4")))
                .hasMessageContaining("'float32' or 'int8'");
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of("index.threads", "-1")))
                .hasMessageContaining("index.threads must be 0 (one per core) or more");
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of("index.oversample", "0")))
                .hasMessageContaining("index.oversample must be 1..1000");
    }

    @Test
    void search_settings_are_read_and_checked() {
        assertThat(SettingsLoader.load(null, Map.of(), Map.of()).search())
                .isEqualTo(new SearchOptions(SearchMode.HYBRID, 60, 100));
        Settings s = SettingsLoader.load(null, Map.of("SIMDEX_SEARCH_RRF_K", "10"), Map.of("search.candidates", "50"));
        assertThat(s.search()).isEqualTo(new SearchOptions(SearchMode.HYBRID, 10, 50));
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of("search.rrf-k", "0")))
                .isInstanceOf(SettingsException.class).hasMessageContaining("search.rrf-k must be 1..100000, got 0");
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of("search.candidates", "0")))
                .hasMessageContaining("search.candidates must be 1..10000");
        assertThat(SettingsLoader.load(null, Map.of(), Map.of("search.fusion", "RRF", "search.vector-weight", "0.7",
                "search.full-coverage", "0")).search()).isEqualTo(SearchOptions.defaults().withFusion(Fusion.RRF, 0.7f, 0f));
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of("search.fusion", "max")))
                .hasMessageContaining("search.fusion must be one of convex, rrf, got 'max'");
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of("search.vector-weight", "1.5")))
                .hasMessageContaining("search.vector-weight must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of("search.full-coverage", "-0.1")))
                .hasMessageContaining("search.full-coverage must be in [0, 1], got -0.1");
    }

    @Test
    void the_default_search_mode_is_hybrid_and_can_be_set_to_any_mode() {
        assertThat(SettingsLoader.load(Path.of("config", "simdex.yaml"), Map.of(), Map.of()).search().defaultMode())
                .isEqualTo(SearchMode.HYBRID);
        assertThat(SettingsLoader.load(null, Map.of(), Map.of("search.mode", "vector")).search().defaultMode())
                .isEqualTo(SearchMode.VECTOR);
        assertThat(SettingsLoader.load(null, Map.of("SIMDEX_SEARCH_MODE", " Lexical "), Map.of()).search().defaultMode())
                .isEqualTo(SearchMode.LEXICAL);
    }

    @Test
    void a_bad_search_mode_names_the_key_and_the_modes() throws IOException {
        Path file = yaml("search:\n  mode: bm25\n");
        assertThatThrownBy(() -> SettingsLoader.load(file, Map.of(), Map.of()))
                .isInstanceOf(SettingsException.class)
                .hasMessage("search.mode must be one of vector, lexical, hybrid, got 'bm25'");
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of("search.mode", " ")))
                .isInstanceOf(SettingsException.class).hasMessageContaining("'search.mode' must not be empty");
    }

    @Test
    void environment_variable_names_follow_the_key() {
        assertThat(SettingsLoader.envName("model.max-tokens")).isEqualTo("SIMDEX_MODEL_MAX_TOKENS");
        assertThat(SettingsLoader.envName("server.port")).isEqualTo("SIMDEX_SERVER_PORT");
    }

    @Test
    void an_unknown_key_is_an_error_that_lists_the_known_ones() throws IOException {
        Path file = yaml("server:\n  prot: 8000\n");
        assertThatThrownBy(() -> SettingsLoader.load(file, Map.of(), Map.of()))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("server.prot").hasMessageContaining("server.port");
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of("api.maxk", "5")))
                .hasMessageContaining("api.maxk");
    }

    @Test
    void an_unknown_key_in_the_file_is_named_with_its_line_and_its_section_s_keys() throws IOException {
        Path file = yaml("server:\n  port: 8000\nmodel:\n  bulk-workers: 1\n  nmae: minilm\n");

        assertThatThrownBy(() -> SettingsLoader.load(file, Map.of(), Map.of()))
                .isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("unknown setting 'model.nmae' in " + file + ", line 5;")
                .hasMessageContaining("model.name").hasMessageNotContaining("server.port");
        assertThatThrownBy(() -> SettingsLoader.load(yaml("sever:\n  port: 8000\n"), Map.of(), Map.of()))
                .hasMessageContaining("'sever.port'").hasMessageContaining(", line 2;")
                .hasMessageContaining("known sections: server, model");
        assertThatThrownBy(() -> SettingsLoader.load(yaml("server: 7070\n"), Map.of(), Map.of()))
                .hasMessageContaining("'server' is a section").hasMessageContaining("server.port");
    }

    @Test
    void a_setting_of_an_earlier_version_names_what_replaced_it() throws IOException {
        Path file = yaml("model:\n  workers: 2\n");

        assertThatThrownBy(() -> SettingsLoader.load(file, Map.of(), Map.of()))
                .isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("unknown setting 'model.workers' in " + file + ", line 2;")
                .hasMessageContaining("replaced by model.bulk-workers");
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of("model.batch-size", "32")))
                .hasMessageContaining("replaced by model.batch-tokens");
    }

    @Test
    void a_yaml_syntax_error_is_one_line_with_the_file_line_and_column() throws IOException {
        Path flow = yaml("server:\n  port: 7070\n  host: [oops\n");
        assertThatThrownBy(() -> SettingsLoader.load(flow, Map.of(), Map.of()))
                .isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("config file " + flow + ", line 4, column 1 (in what starts at line 3, column 9) is not valid YAML: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("'reader'"));

        Path tab = yaml("server:\n\tport: 7070\n");
        assertThatThrownBy(() -> SettingsLoader.load(tab, Map.of(), Map.of()))
                .hasMessageContaining(", line 2, column 1 is not valid YAML")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void bad_values_name_the_key_and_the_accepted_range() {
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of("server.port", "seventy")))
                .isInstanceOf(SettingsException.class).hasMessageContaining("server.port").hasMessageContaining("seventy");
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of("server.port", "70000")))
                .hasMessageContaining("0..65535");
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of("model.max-tokens", "1024")))
                .hasMessageContaining("model.max-tokens").hasMessageContaining("8..512");
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of("model.pooling", "max")))
                .hasMessageContaining("'mean' or 'cls'");
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of("cache.enabled", "maybe")))
                .hasMessageContaining("true or false");
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(), Map.of("api.max-k", "0")))
                .hasMessageContaining("api.max-k");
    }

    @Test
    void a_named_config_file_that_does_not_exist_is_an_error() {
        assertThatThrownBy(() -> SettingsLoader.load(dir.resolve("nope.yaml"), Map.of(), Map.of()))
                .isInstanceOf(SettingsException.class).hasMessageContaining("nope.yaml");
    }

    @Test
    void a_config_file_that_is_not_a_mapping_is_an_error() throws IOException {
        Path file = yaml("- just\n- a list\n");
        assertThatThrownBy(() -> SettingsLoader.load(file, Map.of(), Map.of()))
                .isInstanceOf(SettingsException.class).hasMessageContaining("mapping");
    }

    private static Path writeEmpty(Path file) {
        try {
            return Files.writeString(file, "");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Path yaml(String text) throws IOException {
        Path file = dir.resolve("simdex.yaml");
        Files.writeString(file, text);
        return file;
    }
}
