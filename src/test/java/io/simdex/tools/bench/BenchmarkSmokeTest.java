package io.simdex.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/** A tiny search-only run end to end, without Python: about a second (a few with the bench profile's peers). */
class BenchmarkSmokeTest {

    @Test
    void a_tiny_search_run_writes_json_markdown_and_a_plot(@TempDir Path out) throws Exception {
        var options = new BenchOptions(Set.of(BenchOptions.Suite.SEARCH), List.of(1000, 3000), List.of(),
                List.of(1, 2), 3, 0, 0.05, 1, 1, 1, 2048, 16, 42, Path.of("model-cache"), null, Map.of(), true,
                LoadOptions.defaults(true));
        var progress = new ByteArrayOutputStream();

        BenchResults results = Benchmark.run(options, new PrintStream(progress, true, StandardCharsets.UTF_8));
        List<Path> written = BenchReport.write(results, out);

        assertThat(written).extracting(p -> p.getFileName().toString())
                .containsExactly("results.json", "results.md", "search-latency.svg");
        assertThat(results.label()).isEqualTo("quick smoke run");
        assertThat(results.search()).extracting(BenchResults.SearchRow::system).contains("simdex");
        assertThat(results.search()).allSatisfy(row -> {
            assertThat(row.perQuery().medianMs()).isPositive();
            assertThat(row.memoryFloorMs()).isPositive();
        });
        assertThat(results.memory()).hasSize(4); // 2 sizes × 2 thread counts
        if (ServiceLoader.load(SearchPeer.class).findFirst().isEmpty()) { // the normal build; -Pbench has peers
            assertThat(results.notes()).anySatisfy(n -> assertThat(n).contains("mvn -Pbench -DskipTests package"));
        } else {
            assertThat(results.search()).extracting(BenchResults.SearchRow::recallAt10).contains(1.0);
        }
        assertThat(results.notes()).anySatisfy(n -> assertThat(n).contains("FAISS and sgemm skipped"));

        JsonNode json = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertThat(json.get("search").get(0).get("per_query").get("median_ms").asDouble()).isPositive();
        assertThat(json.get("machine").get("cores").asInt()).isPositive();
        assertThat(Files.readString(out.resolve("results.md")))
                .contains("## Ceilings", "### n = 1,000", "### n = 3,000", "## Notes");
        assertThat(Files.readString(out.resolve("search-latency.svg"))).contains("<polyline", "simdex 1 thread");
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("[bench] search n=3,000");
        assertThat(results.pairs()).isEmpty();
    }

    @Test
    void a_tiny_pairs_run_times_the_scan_and_reports_pairs_and_heap(@TempDir Path out) throws Exception {
        var options = new BenchOptions(Set.of(BenchOptions.Suite.PAIRS), List.of(), List.of(1_500, 400),
                List.of(1, 2), 3, 0, 0.05, 1, 1, 1, 2048, 16, 42, Path.of("model-cache"), null, Map.of(), true,
                LoadOptions.defaults(true));
        var progress = new ByteArrayOutputStream();

        BenchResults results = Benchmark.run(options, new PrintStream(progress, true, StandardCharsets.UTF_8));
        BenchReport.write(results, out);

        assertThat(results.search()).isEmpty();
        assertThat(results.pairs()).extracting(BenchResults.PairsRow::n, BenchResults.PairsRow::threads)
                .containsExactly(tuple(400, 1), tuple(400, 2), tuple(1_500, 1), tuple(1_500, 2));
        assertThat(results.pairs()).allSatisfy(row -> {
            assertThat(row.medianSeconds()).isPositive();
            assertThat(row.pairs()).as("planted near copies").isPositive();
            assertThat(row.heapBeforeMiB()).isPositive();
            assertThat(row.peakHeapMiB()).isPositive();
            assertThat(row.fullMatrixMiB()).isEqualTo(row.n() * (double) row.n() * 4 / (1024 * 1024));
        });
        assertThat(results.pairs().get(0).pairs()).as("the same vectors whatever the threads")
                .isEqualTo(results.pairs().get(1).pairs());
        JsonNode json = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertThat(json.get("pairs").get(0).get("median_seconds").asDouble()).isPositive();
        assertThat(Files.readString(out.resolve("results.md"))).contains("## All pairs", "| 1,500 | 2 |")
                .doesNotContain("## Ceilings");
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("[bench] pairs n=1,500, 2 thread(s)");
        assertThat(results.notes()).anySatisfy(n -> assertThat(n).contains("FAISS and sgemm skipped"));
        assertThat(results.pairs()).extracting(BenchResults.PairsRow::system).containsOnly("simdex");
    }

    @Test
    void faiss_range_search_rows_stand_next_to_simdex_rows_of_the_same_size_and_threads(@TempDir Path out)
            throws Exception {
        // given: a stand-in for Python that records its arguments and prints the script's JSON for two sizes
        Path arguments = out.resolve("arguments.txt");
        Path python = fakePython(out, arguments, """
                {"threads": 1, "python": "3.11.2", "numpy": "1.24.2", "faiss": "1.7.3", "omp_wait_policy": "PASSIVE",
                 "pairs": [
                   {"n": 400, "min_score": 0.9, "near_copy_fraction": 0.03, "build_s": 0.0001, "pairs": 13,
                    "samples_ms": [3.0, 2.0, 4.0], "rss_before_mib": 58.0, "rss_after_mib": 58.5, "peak_rss_mib": 60.0},
                   {"n": 1500, "min_score": 0.9, "near_copy_fraction": 0.03, "build_s": 0.0004, "pairs": 47,
                    "samples_ms": [40.0, 42.0, 41.0], "rss_before_mib": 62.0, "rss_after_mib": 63.0,
                    "peak_rss_mib": 70.0}]}
                """);
        var options = new BenchOptions(Set.of(BenchOptions.Suite.PAIRS), List.of(), List.of(1_500, 400),
                List.of(1, 2), 3, 0, 0.05, 1, 1, 1, 2048, 16, 42, Path.of("model-cache"), python, Map.of(), true,
                LoadOptions.defaults(true));
        var progress = new ByteArrayOutputStream();

        // when
        BenchResults results = Benchmark.run(options, new PrintStream(progress, true, StandardCharsets.UTF_8));
        BenchReport.write(results, out);

        // then
        assertThat(results.pairs())
                .extracting(BenchResults.PairsRow::system, BenchResults.PairsRow::n, BenchResults.PairsRow::threads)
                .containsExactly(tuple("simdex", 400, 1), tuple("FAISS", 400, 1), tuple("simdex", 400, 2),
                        tuple("FAISS", 400, 2), tuple("simdex", 1_500, 1), tuple("FAISS", 1_500, 1),
                        tuple("simdex", 1_500, 2), tuple("FAISS", 1_500, 2));
        BenchResults.PairsRow faiss = results.pairs().get(7);
        assertThat(faiss.medianSeconds()).isEqualTo(0.041);
        assertThat(faiss.pairs()).isEqualTo(47);
        assertThat(faiss.peakRssMiB()).isEqualTo(70.0);
        assertThat(faiss.heapBeforeMiB()).isNull();
        assertThat(results.notes()).noneSatisfy(n -> assertThat(n).contains("FAISS"));
        assertThat(Files.readAllLines(arguments)).as("one Python process per thread count").hasSize(2)
                .allSatisfy(line -> assertThat(line).contains("--pair-sizes 1500,400 ", "--min-score 0.9 ",
                        "--near-copies 0.03 ", "--sizes  ", "--sgemm-size 0"))
                .anySatisfy(line -> assertThat(line).contains("--threads 2 "));

        JsonNode json = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        JsonNode faissJson = json.get("pairs").get(1);
        assertThat(faissJson.get("system").asText()).isEqualTo("FAISS");
        assertThat(faissJson.get("variant").asText()).contains("range_search", "faiss 1.7.3");
        assertThat(faissJson.get("pairs").asInt()).isEqualTo(13);
        assertThat(faissJson.get("heap_before_mi_b").isNull()).isTrue();
        assertThat(faissJson.get("peak_rss_mi_b").asDouble()).isEqualTo(60.0);
        assertThat(json.get("formulas").get("pairs_faiss").asText()).contains("range_search");
        assertThat(Files.readString(out.resolve("results.md")))
                .contains("| system | n | threads |",
                        "| FAISS | 1,500 | 2 | 0.0410 (0.0420) | 3 | 47 | — | — | — | — | 62.0 | 70.0 |",
                        "| simdex | 1,500 | 2 |", "IndexFlatIP.range_search (faiss 1.7.3");
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("[bench] pairs n=1,500, 2 thread(s), FAISS");
    }

    @Test
    void a_pairs_run_without_faiss_says_so_in_one_line_and_still_times_simdex(@TempDir Path out) throws Exception {
        Path python = fakePython(out, out.resolve("arguments.txt"), """
                {"threads": 1, "python": "3.11.2", "numpy": "1.24.2",
                 "faiss_error": "cannot import faiss: No module named 'faiss'"}
                """);
        var options = new BenchOptions(Set.of(BenchOptions.Suite.PAIRS), List.of(), List.of(300), List.of(1, 2), 3,
                0, 0.05, 1, 1, 1, 2048, 16, 42, Path.of("model-cache"), python, Map.of(), true,
                LoadOptions.defaults(true));

        BenchResults results = Benchmark.run(options, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));

        assertThat(results.pairs()).extracting(BenchResults.PairsRow::system, BenchResults.PairsRow::threads)
                .containsExactly(tuple("simdex", 1), tuple("simdex", 2));
        assertThat(results.notes()).filteredOn(n -> n.contains("FAISS")).singleElement().asString()
                .contains("FAISS skipped: cannot import faiss", PythonPeer.INSTALL_HINT);
    }

    /** An executable that appends its arguments to {@code arguments} and prints {@code json}, whatever it is asked. */
    private static Path fakePython(Path folder, Path arguments, String json) throws Exception {
        Path python = folder.resolve("fake-python");
        Files.writeString(python, "#!/bin/sh\necho \"$*\" >> '" + arguments + "'\ncat <<'JSON'\n" + json + "JSON\n");
        assertThat(python.toFile().setExecutable(true)).isTrue();
        return python;
    }
}
