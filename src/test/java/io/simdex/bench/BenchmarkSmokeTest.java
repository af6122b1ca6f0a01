package io.simdex.bench;

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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** A tiny search-only run end to end, without Python: about a second (a few with the bench profile's peers). */
class BenchmarkSmokeTest {

    @Test
    void a_tiny_search_run_writes_json_markdown_and_a_plot(@TempDir Path out) throws Exception {
        var options = new BenchOptions(Set.of(BenchOptions.Suite.SEARCH), List.of(1000, 3000), List.of(),
                List.of(1, 2), 3, 0, 0.05, 1, 1, 1, 8, 16, 42, Path.of("model-cache"), null, Map.of(), true);
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
                List.of(1, 2), 3, 0, 0.05, 1, 1, 1, 8, 16, 42, Path.of("model-cache"), null, Map.of(), true);
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
    }
}
