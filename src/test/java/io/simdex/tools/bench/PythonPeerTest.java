package io.simdex.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PythonPeerTest {

    @Test
    void reads_sgemm_and_search_timings() {
        String json = """
                {"threads": 2, "python": "3.11.2", "numpy": "1.24.2", "omp_wait_policy": "PASSIVE",
                 "sgemm": {"n": 2048, "flops": 17179869184.0, "samples_ms": [250.0, 240.0, 260.0]},
                 "blas": "/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3", "faiss": "1.7.3",
                 "search": [
                   {"n": 10000, "mode": "single", "queries_per_call": 1, "build_s": 0.004, "samples_ms": [4.6, 4.5, 4.7]},
                   {"n": 10000, "mode": "batch", "queries_per_call": 64, "build_s": 0.004, "samples_ms": [16.0, 32.0]}],
                 "some_future_field": true}
                """;

        PythonPeer.Report report = PythonPeer.parse(json);

        assertThat(report.threads()).isEqualTo(2);
        assertThat(report.faiss()).isEqualTo("1.7.3");
        assertThat(report.ompWaitPolicy()).isEqualTo("PASSIVE");
        assertThat(report.error()).isNull();
        assertThat(report.sgemm().gflops()).isCloseTo(17179869184.0 / 0.25 / 1e9, within(1e-9));
        assertThat(report.search()).hasSize(2);
        assertThat(report.search().get(0).perQuery().medianMs()).isEqualTo(4.6);
        assertThat(report.search().get(1).perQuery().medianMs()).isEqualTo(24.0 / 64);
        assertThat(report.search().get(1).buildS()).isEqualTo(0.004);
    }

    @Test
    void reads_range_search_timings_and_turns_them_into_a_faiss_pairs_row() {
        String json = """
                {"threads": 2, "python": "3.11.2", "numpy": "1.24.2", "faiss": "1.7.3", "omp_wait_policy": "PASSIVE",
                 "pairs": [
                   {"n": 772, "min_score": 0.9, "near_copy_fraction": 0.03, "build_s": 0.0006, "pairs": 26,
                    "samples_ms": [15.0, 14.0, 13.0, 30.0], "rss_before_mib": 59.5, "rss_after_mib": 63.0,
                    "peak_rss_mib": 63.2},
                   {"n": 100000, "min_score": 0.9, "near_copy_fraction": 0.03, "build_s": 0.05, "pairs": 3100,
                    "samples_ms": [200000.0], "rss_before_mib": 400.0, "rss_after_mib": 410.0, "peak_rss_mib": null}]}
                """;

        PythonPeer.Report report = PythonPeer.parse(json);

        assertThat(report.search()).isEmpty();
        assertThat(report.pairs()).extracting(PythonPeer.PairsTimes::n).containsExactly(772, 100_000);
        PythonPeer.PairsTimes small = report.pairs().get(0);
        assertThat(small.scan().medianMs()).isEqualTo(14.5);
        assertThat(small.scan().samples()).isEqualTo(4);
        assertThat(small.pairs()).isEqualTo(26);
        assertThat(report.pairs().get(1).peakRssMib()).isNull();

        BenchResults.PairsRow row = PairsSuite.peerRow("FAISS", report.variant("IndexFlatIP.range_search"), 2, small);

        assertThat(row.system()).isEqualTo("FAISS");
        assertThat(row.variant()).isEqualTo(
                "IndexFlatIP.range_search (faiss 1.7.3, numpy 1.24.2, OMP_WAIT_POLICY=PASSIVE)");
        assertThat(row.threads()).isEqualTo(2);
        assertThat(row.minScore()).isEqualTo(0.9f);
        assertThat(row.medianSeconds()).isCloseTo(0.0145, within(1e-12));
        assertThat(row.pairs()).isEqualTo(26);
        assertThat(row.dimension()).isEqualTo(BenchOptions.DIMENSION);
        assertThat(row.heapBeforeMiB()).as("no JVM heap to speak of").isNull();
        assertThat(row.indexHeapMiB()).isNull();
        assertThat(row.rssBeforeMiB()).isEqualTo(59.5);
        assertThat(row.rssAfterMiB()).isEqualTo(63.0);
        assertThat(row.peakRssMiB()).isEqualTo(63.2);
        assertThat(row.fullMatrixMiB()).isEqualTo(772.0 * 772 * 4 / (1024 * 1024));
    }

    @Test
    void reads_what_is_missing() {
        PythonPeer.Report noNumpy = PythonPeer.parse(
                "{\"threads\": 1, \"python\": \"3.11.2\", \"error\": \"cannot import numpy: No module named 'numpy'\"}");
        PythonPeer.Report noFaiss = PythonPeer.parse("{\"threads\": 1, \"numpy\": \"1.24.2\", "
                + "\"faiss_error\": \"cannot import faiss: No module named 'faiss'\"}");

        assertThat(noNumpy.error()).contains("numpy");
        assertThat(noNumpy.search()).isEmpty();
        assertThat(noFaiss.faissError()).contains("faiss");
        assertThat(noFaiss.sgemm()).isNull();
    }

    @Test
    void other_output_is_an_error_that_quotes_it() {
        assertThatThrownBy(() -> PythonPeer.parse("Traceback (most recent call last): boom"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not its JSON report")
                .hasMessageContaining("Traceback");
    }

    @Test
    void a_missing_interpreter_is_skipped_with_what_to_install() {
        PythonPeer.Located located = PythonPeer.locate(java.nio.file.Path.of("/no/such/python3"));

        assertThat(located.peer()).isEmpty();
        assertThat(located.skipped()).contains("/no/such/python3", PythonPeer.INSTALL_HINT);
    }
}
