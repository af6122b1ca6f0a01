package io.simdex.tools.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs {@code faiss_bench.py} (FAISS IndexFlatIP search and range search, and numpy sgemm) in a child Python
 * process, one process per thread count because OpenBLAS fixes its thread count when numpy is imported.
 */
final class PythonPeer {

    /** What to install when numpy or faiss is missing (Debian). */
    static final String INSTALL_HINT = "apt-get install python3-faiss python3-numpy libopenblas0-pthread";

    static final String SCRIPT_RESOURCE = "bench/python/faiss_bench.py";
    static final Path SCRIPT_IN_CHECKOUT = Path.of("src", "bench", "python", "faiss_bench.py");

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Path python;
    private final Path script;

    private PythonPeer(Path python, Path script) {
        this.python = python;
        this.script = script;
    }

    /**
     * The script's JSON output.
     *
     * @param error set when numpy is missing; nothing else was measured
     * @param faissError set when faiss is missing; sgemm was measured
     */
    record Report(int threads, String python, String numpy, String blas, String faiss, String ompWaitPolicy,
                  String error, String faissError, SgemmTimes sgemm, List<SearchTimes> search,
                  List<PairsTimes> pairs) {
        Report {
            search = search == null ? List.of() : List.copyOf(search);
            pairs = pairs == null ? List.of() : List.copyOf(pairs);
        }

        /** What ran, for a row's variant: the FAISS call, library versions and the OpenMP wait policy. */
        String variant(String call) {
            return call + " (faiss " + faiss + ", numpy " + numpy + ", OMP_WAIT_POLICY=" + ompWaitPolicy + ")";
        }
    }

    /** Raw sgemm timings of an {@code n × n} by {@code n × n} product ({@code flops} = 2n³). */
    record SgemmTimes(int n, double flops, List<Double> samplesMs) {
        Stats stats() {
            return Stats.ofMillis(samplesMs.stream().mapToDouble(Double::doubleValue).toArray());
        }

        double gflops() {
            return flops / (stats().medianMs() / 1e3) / 1e9;
        }
    }

    /** Raw timings of one FAISS configuration: each sample is one call of {@code queriesPerCall} queries. */
    record SearchTimes(int n, String mode, int queriesPerCall, double buildS, List<Double> samplesMs) {
        Stats perQuery() {
            return Stats.ofMillis(samplesMs.stream().mapToDouble(Double::doubleValue).toArray())
                    .dividedBy(queriesPerCall);
        }
    }

    /**
     * Raw timings of FAISS range search at one size: each sample is one {@code range_search} of all {@code n}
     * vectors against all of them, the pairs {@code i < j} counted. Memory is the Python process's resident set
     * in MiB ({@code peakRssMib} null where the peak could not be reset before the scans).
     */
    record PairsTimes(int n, float minScore, double nearCopyFraction, double buildS, int pairs,
                      List<Double> samplesMs, Double rssBeforeMib, Double rssAfterMib, Double peakRssMib) {
        Stats scan() {
            return Stats.ofMillis(samplesMs.stream().mapToDouble(Double::doubleValue).toArray());
        }
    }

    /** Parses the script's stdout. */
    static Report parse(String json) {
        try {
            return JSON.readValue(json, Report.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("faiss_bench.py printed something that is not its JSON report: "
                    + abbreviate(json) + " (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Finds the interpreter and the script: inside the jar (bench build), else under the working directory
     * (a checkout).
     *
     * @return the runner, or a one-line reason why FAISS and sgemm are skipped
     */
    static Located locate(Path python) {
        if (python == null) {
            return new Located(Optional.empty(), "FAISS and sgemm skipped: no --python given");
        }
        if (!Files.isExecutable(python)) {
            return new Located(Optional.empty(), "FAISS and sgemm skipped: " + python + " is not an executable "
                    + "Python; pass --python PATH, and " + INSTALL_HINT);
        }
        try (InputStream in = PythonPeer.class.getClassLoader().getResourceAsStream(SCRIPT_RESOURCE)) {
            if (in != null) {
                Path copy = Files.createTempFile("simdex-faiss-bench", ".py");
                copy.toFile().deleteOnExit();
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                return new Located(Optional.of(new PythonPeer(python, copy)), null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + SCRIPT_RESOURCE + " out of the jar: " + e.getMessage(), e);
        }
        if (Files.isRegularFile(SCRIPT_IN_CHECKOUT)) {
            return new Located(Optional.of(new PythonPeer(python, SCRIPT_IN_CHECKOUT)), null);
        }
        return new Located(Optional.empty(), "FAISS and sgemm skipped: " + SCRIPT_IN_CHECKOUT + " not found; run from "
                + "the project folder or use the bench jar (mvn -Pbench -DskipTests package)");
    }

    /** A runner, or why there is none. */
    record Located(Optional<PythonPeer> peer, String skipped) {
    }

    /** Measures sgemm on {@code threads} threads only. */
    Report sgemm(int threads, BenchOptions options) throws IOException, InterruptedException {
        return run(threads, List.of(), List.of(), options, true);
    }

    /** Measures FAISS search at every size on {@code threads} threads, without sgemm. */
    Report faiss(int threads, List<Integer> sizes, BenchOptions options) throws IOException, InterruptedException {
        return run(threads, sizes, List.of(), options, false);
    }

    /** Measures FAISS range search (all pairs) at every size on {@code threads} threads, without sgemm. */
    Report pairs(int threads, List<Integer> sizes, BenchOptions options) throws IOException, InterruptedException {
        return run(threads, List.of(), sizes, options, false);
    }

    String describe() {
        return python + " " + script;
    }

    private Report run(int threads, List<Integer> sizes, List<Integer> pairSizes, BenchOptions options,
                       boolean sgemm) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python.toString(), script.toString(),
                "--threads", Integer.toString(threads),
                "--sizes", joined(sizes),
                "--pair-sizes", joined(pairSizes),
                "--min-score", Float.toString(PairsSuite.MIN_SCORE),
                "--near-copies", Double.toString(PairsSuite.NEAR_COPY_FRACTION),
                "--warmup-max-n", Integer.toString(PairsSuite.LARGEST_WARMED_UP),
                "--single-run-from", Integer.toString(PairsSuite.PEER_SINGLE_RUN_FROM),
                "--dim", Integer.toString(BenchOptions.DIMENSION),
                "--k", Integer.toString(BenchOptions.TOP_K),
                "--batch", Integer.toString(options.batch()),
                "--iterations", Integer.toString(options.iterations()),
                "--warmup", Integer.toString(options.warmup()),
                "--max-seconds", Double.toString(options.maxSecondsPerConfig()),
                "--seed", Long.toString(options.seed()),
                "--sgemm-size", sgemm ? "2048" : "0"));
        var builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("OPENBLAS_NUM_THREADS", Integer.toString(threads));
        builder.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
        Process process = builder.start();
        process.getOutputStream().close();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException(describe() + " did not exit after closing its output");
        }
        if (process.exitValue() != 0) {
            throw new IOException(describe() + " exited with code " + process.exitValue()
                    + " (its stderr is above)");
        }
        return parse(stdout.strip());
    }

    private static String joined(List<Integer> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static String abbreviate(String s) {
        String oneLine = s.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 200 ? "'" + oneLine + "'" : "'" + oneLine.substring(0, 200) + "…'";
    }
}
