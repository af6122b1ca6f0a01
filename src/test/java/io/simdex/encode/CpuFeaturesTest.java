package io.simdex.encode;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** Reading CPU features from {@code /proc/cpuinfo} texts of x86-64 and ARM machines. */
class CpuFeaturesTest {

    private static final String ZEN4 = """
            processor\t: 0
            vendor_id\t: AuthenticAMD
            model name\t: AMD EPYC 9R14
            flags\t\t: fpu sse4_2 avx avx2 fma avx512f avx512bw avx512vl avx512_vnni avx512_bf16
            bugs\t\t: sysret_ss_attrs

            processor\t: 1
            flags\t\t: fpu sse4_2 avx avx2 fma
            """;

    private static final String GRAVITON3 = """
            processor\t: 0
            BogoMIPS\t: 2100.00
            Features\t: fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid asimdrdm asimddp i8mm bf16
            CPU implementer\t: 0x41
            """;

    @Test
    void the_first_processors_x86_flags_are_read() {
        CpuFeatures cpu = CpuFeatures.parse("amd64", ZEN4, "/proc/cpuinfo");
        assertThat(cpu.flags()).contains("avx2", "avx512f", "avx512_vnni").hasSize(10);
        assertThat(cpu.known()).isTrue();
        assertThat(cpu.fastInt8()).contains("avx512_vnni");
    }

    @Test
    void an_arm_features_line_is_read_and_i8mm_is_named_before_dot_products() {
        CpuFeatures cpu = CpuFeatures.parse("aarch64", GRAVITON3, "/proc/cpuinfo");
        assertThat(cpu.flags()).contains("asimd", "asimddp", "i8mm");
        assertThat(cpu.fastInt8()).contains("i8mm");
    }

    @Test
    void amx_is_named_before_vnni() {
        CpuFeatures cpu = CpuFeatures.parse("amd64", "flags : avx2 avx512_vnni amx_tile amx_int8 amx_bf16\n", "x");
        assertThat(cpu.fastInt8()).contains("amx_int8");
    }

    @Test
    void avx2_alone_has_no_fast_int8() {
        CpuFeatures cpu = CpuFeatures.parse("amd64", "flags : fpu sse4_2 avx avx2 fma\n", "/proc/cpuinfo");
        assertThat(cpu.known()).isTrue();
        assertThat(cpu.fastInt8()).isEmpty();
    }

    @Test
    void a_text_without_flags_or_an_unreadable_file_gives_no_features_and_says_why(@TempDir Path dir) {
        CpuFeatures none = CpuFeatures.parse("amd64", "processor : 0\nmodel name : something\n", "/proc/cpuinfo");
        assertThat(none.known()).isFalse();
        assertThat(none.source()).isEqualTo("/proc/cpuinfo lists no CPU flags");

        CpuFeatures missing = CpuFeatures.read("aarch64", dir.resolve("cpuinfo"));
        assertThat(missing.known()).isFalse();
        assertThat(missing.fastInt8()).isEmpty();
        assertThat(missing.source()).contains("cpuinfo could not be read");
    }
}
