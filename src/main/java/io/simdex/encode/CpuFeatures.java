package io.simdex.encode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The instruction-set features of the CPU simdex runs on, as the operating system names them: the {@code flags}
 * line of {@code /proc/cpuinfo} on x86-64 Linux, its {@code Features} line on ARM Linux.
 *
 * @param arch   the JVM's {@code os.arch}, e.g. {@code amd64} or {@code aarch64}
 * @param flags  the feature names, lower case; empty when they could not be read
 * @param source where they came from, for the log ({@code /proc/cpuinfo}, or why nothing was read)
 */
public record CpuFeatures(String arch, Set<String> flags, String source) {

    /** The file Linux describes its CPUs in. */
    static final Path CPUINFO = Path.of("/proc/cpuinfo");

    /**
     * Features that give ONNX Runtime's int8 matrix products their speed, in the order they are named: x86 VNNI
     * (AVX-512 or AVX) and AMX, ARM's dot-product and int8 matrix-multiply instructions. Without one of these, int8
     * products run on plain multiply-adds and are no faster than fp32.
     */
    static final List<String> FAST_INT8 = List.of("amx_int8", "avx512_vnni", "avx_vnni", "i8mm", "asimddp");

    public CpuFeatures {
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(source, "source");
        flags = Set.copyOf(flags);
    }

    /** This machine's features: {@code /proc/cpuinfo} when it can be read, else none (and {@link #source} says why). */
    public static CpuFeatures detect() {
        return read(System.getProperty("os.arch", "unknown"), CPUINFO);
    }

    /** The features listed in {@code cpuinfo}, or none when it cannot be read. */
    static CpuFeatures read(String arch, Path cpuinfo) {
        try {
            return parse(arch, Files.readString(cpuinfo), cpuinfo.toString());
        } catch (IOException | SecurityException e) {
            return new CpuFeatures(arch, Set.of(), cpuinfo + " could not be read (" + e.getClass().getSimpleName()
                    + ")");
        }
    }

    /**
     * The features of the first processor in a {@code /proc/cpuinfo} text: its {@code flags} (x86) or
     * {@code Features} (ARM) line. A text with neither gives none.
     */
    static CpuFeatures parse(String arch, String cpuinfo, String source) {
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            if (key.equals("flags") || key.equals("features")) {
                Set<String> flags = Arrays.stream(line.substring(colon + 1).trim().split("\\s+"))
                        .filter(flag -> !flag.isEmpty())
                        .map(flag -> flag.toLowerCase(Locale.ROOT))
                        .collect(Collectors.toCollection(TreeSet::new));
                return new CpuFeatures(arch, flags, source);
            }
        }
        return new CpuFeatures(arch, Set.of(), source + " lists no CPU flags");
    }

    /** The first feature of {@link #FAST_INT8} this CPU has, if any. */
    public Optional<String> fastInt8() {
        return FAST_INT8.stream().filter(flags::contains).findFirst();
    }

    /** Whether anything was read at all. */
    public boolean known() {
        return !flags.isEmpty();
    }
}
