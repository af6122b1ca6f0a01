package io.simdex.tools.bench;

import io.simdex.encode.CpuFeatures;
import io.simdex.encode.PrecisionChoice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
 * @param autoPrecision what {@code model.precision: auto} (the default) resolves to on this CPU for a new collection,
 *                      and why
 */
public record MachineInfo(String cpuModel, List<String> cpuFlags, int cores, double memoryGiB, String jvm,
                          long maxHeapMiB, boolean vectorModule, String vectorMath, String os, String date,
                          String autoPrecision) {

    /**
     * Flags that change what the SIMD kernels and ONNX Runtime can use: x86-64 vector widths, the int8 dot-product
     * instructions (VNNI) and AMX tiles, and on ARM NEON (asimd), its dot products (asimddp), int8 matrix
     * multiply (i8mm), bf16 and SVE.
     */
    static final List<String> RELEVANT_FLAGS = List.of(
            "sse4_2", "avx", "avx2", "fma", "avx512f", "avx512bw", "avx512vl", "avx512_vnni", "avx512_bf16",
            "avx_vnni", "amx_tile", "amx_int8", "amx_bf16", "asimd", "asimddp", "i8mm", "bf16", "sve", "sve2");

    /** The CPU as {@code /proc/cpuinfo} describes its first processor. */
    record Cpu(String model, List<String> flags) {
    }

    public MachineInfo {
        cpuFlags = List.copyOf(cpuFlags);
    }

    /** Reads this machine's facts; {@code vectorMath} comes from the index. */
    static MachineInfo detect(String vectorMath) {
        Cpu cpu = parseCpuinfo(lines(Path.of("/proc/cpuinfo")));
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
        return new MachineInfo(cpu.model(), cpu.flags(), runtime.availableProcessors(), Math.round(memoryGiB * 10) / 10.0,
                jvm, runtime.maxMemory() / (1024 * 1024),
                ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), vectorMath, os,
                Instant.now().toString(), PrecisionChoice.resolve("auto", CpuFeatures.detect()).describe());
    }

    /**
     * The model and {@link #RELEVANT_FLAGS} of the first processor: {@code model name} and {@code flags} on x86-64;
     * {@code Features} on ARM, whose model is {@code CPU implementer} and {@code CPU part} when there is no name.
     */
    static Cpu parseCpuinfo(List<String> cpuinfo) {
        String model = null;
        String implementer = null;
        String part = null;
        List<String> flags = null;
        for (String line : cpuinfo) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            switch (key) {
                case "model name" -> model = model == null ? value : model;
                case "CPU implementer" -> implementer = implementer == null ? value : implementer;
                case "CPU part" -> part = part == null ? value : part;
                case "flags", "Features" -> flags = flags == null ? relevantFlags(value) : flags;
                default -> {
                    // other fields do not change the kernels
                }
            }
        }
        if (model == null) {
            model = implementer == null ? "unknown" : "ARM implementer " + implementer + ", part " + part;
        }
        return new Cpu(model, flags == null ? List.of() : flags);
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
