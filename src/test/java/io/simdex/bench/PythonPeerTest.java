package io.simdex.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

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
