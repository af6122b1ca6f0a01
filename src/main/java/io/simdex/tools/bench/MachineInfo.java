package io.simdex.tools.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The facts a benchmark number depends on, recorded with the results.
 *
 * @param cpuModel {@code model name} from {@code /proc/cpuinfo}, or "unknown"
 * @param cpuFlags the SIMD flags that matter here, among those the CPU reports
 * @param cores processors available to the JVM
 * @param memoryGiB physical memory from {@code /proc/meminfo}, or 0 when unknown
 * @param jvm vendor, VM and version
 * @param maxHeapMiB the JVM's maximum heap
 * @param vectorModule whether {@code jdk.incubator.vector} was added at start
 * @param vectorMath which kernels simdex's index uses
 * @param os name, version and architecture
 * @param date when the run started (UTC)
 */
public record MachineInfo(String cpuModel, List<String> cpuFlags, int cores, double memoryGiB, String jvm,
                          long maxHeapMiB, boolean vectorModule, String vectorMath, String os, String date) {

    /** Flags that change what the SIMD kernels and ONNX Runtime can use. */
    static final List<String> RELEVANT_FLAGS = List.of(
            "sse4_2", "avx", "avx2", "fma", "avx512f", "avx512bw", "avx512vl", "avx512_vnni", "avx512_bf16",
            "avx_vnni", "amx_tile");

    public MachineInfo {
        cpuFlags = List.copyOf(cpuFlags);
    }

    /** Reads this machine's facts; {@code vectorMath} comes from the index. */
    static MachineInfo detect(String vectorMath) {
        List<String> cpuinfo = lines(Path.of("/proc/cpuinfo"));
        String model = "unknown";
        List<String> flags = new ArrayList<>();
        for (String line : cpuinfo) {
            if (model.equals("unknown") && line.startsWith("model name")) {
                model = line.substring(line.indexOf(':') + 1).strip();
            }
            if (flags.isEmpty() && line.startsWith("flags")) {
                flags = relevantFlags(line.substring(line.indexOf(':') + 1));
            }
        }
        double memoryGiB = 0;
        for (String line : lines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                memoryGiB = Long.parseLong(line.replaceAll("[^0-9]", "")) / (1024.0 * 1024.0);
            }
        }
        Runtime runtime = Runtime.getRuntime();
        String jvm = System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                + Runtime.version();
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
        return new MachineInfo(model, flags, runtime.availableProcessors(), Math.round(memoryGiB * 10) / 10.0,
                jvm, runtime.maxMemory() / (1024 * 1024),
                ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), vectorMath, os,
                Instant.now().toString());
    }

    /** The {@link #RELEVANT_FLAGS} present in a {@code flags} line, in that list's order. */
    static List<String> relevantFlags(String flagsLine) {
        Set<String> present = Set.copyOf(Arrays.asList(flagsLine.strip().split("\\s+")));
        return RELEVANT_FLAGS.stream().filter(present::contains).toList();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException | SecurityException e) {
            return List.of();
        }
    }
}
