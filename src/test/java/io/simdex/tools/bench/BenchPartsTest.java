package io.simdex.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import io.simdex.kernels.VectorMath;

import java.util.Arrays;
import java.util.List;

class BenchPartsTest {

    @Test
    void synthetic_vectors_are_unit_length_and_reproducible() {
        VectorSet a = VectorSet.synthetic(5000, 384, 7);
        VectorSet b = VectorSet.synthetic(5000, 384, 7);

        assertThat(a.data()).isEqualTo(b.data());
        assertThat(VectorSet.synthetic(5000, 384, 8).data()).isNotEqualTo(a.data());
        for (int i : new int[] {0, 4095, 4096, 4999}) {
            assertThat(VectorMath.l2Norm(a.vector(i))).isCloseTo(1f, within(1e-5f));
        }
        assertThat(a.bytes()).isEqualTo(5000L * 384 * 4);
    }

    @Test
    void near_copies_replace_about_the_asked_share_with_unit_vectors_close_to_an_earlier_one() {
        // given
        VectorSet plain = VectorSet.synthetic(2_000, 384, 7);

        // when
        VectorSet planted = plain.withNearCopies(0.05, 3);

        // then
        int replaced = 0;
        for (int i = 0; i < plain.count(); i++) {
            float[] v = planted.vector(i);
            if (Arrays.equals(v, plain.vector(i))) {
                continue;
            }
            replaced++;
            assertThat(i).isPositive();
            assertThat(VectorMath.l2Norm(v)).isCloseTo(1f, within(1e-5f));
            double best = -1;
            for (int j = 0; j < i; j++) {
                best = Math.max(best, VectorMath.dot(v, planted.vector(j)));
            }
            assertThat(best).as("vector %d", i).isBetween(0.9, 0.999);
        }
        assertThat(replaced).isBetween(60, 140);
        assertThat(planted.withNearCopies(0, 1).data()).isEqualTo(planted.data());
        assertThat(plain.withNearCopies(0.05, 3).data()).isEqualTo(planted.data());
    }

    @Test
    void recall_counts_shared_ordinals_over_all_queries() {
        int[][] reference = {{1, 2, 3, 4}, {5, 6, 7, 8}};
        int[][] found = {{4, 3, 2, 1}, {5, 6, 9, 10}};

        assertThat(SearchSuite.recall(reference, found)).isEqualTo(6 / 8.0);
        assertThat(SearchSuite.recall(reference, reference)).isEqualTo(1.0);
    }

    @Test
    void only_the_simd_flags_that_matter_are_kept_in_a_fixed_order() {
        String flags = " fpu sse avx2 fma avx512_vnni mmx avx avx512f sse4_2 ";

        assertThat(MachineInfo.relevantFlags(flags))
                .containsExactly("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512_vnni");
    }

    @Test
    void cpuinfo_of_an_x86_machine_gives_its_model_and_its_vnni_and_amx_flags() {
        List<String> cpuinfo = List.of("processor\t: 0", "vendor_id\t: GenuineIntel",
                "model name\t: Intel(R) Xeon(R) Platinum 8480+",
                "flags\t\t: fpu sse4_2 avx avx2 fma avx512f avx512bw avx512vl avx512_vnni avx512_bf16 amx_bf16 "
                        + "avx_vnni amx_tile amx_int8", "", "processor\t: 1", "model name\t: other", "flags\t: sse4_2");

        MachineInfo.Cpu cpu = MachineInfo.parseCpuinfo(cpuinfo);

        assertThat(cpu.model()).isEqualTo("Intel(R) Xeon(R) Platinum 8480+");
        assertThat(cpu.flags()).containsExactly("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512bw", "avx512vl",
                "avx512_vnni", "avx512_bf16", "avx_vnni", "amx_tile", "amx_int8", "amx_bf16");
    }

    @Test
    void cpuinfo_of_an_arm_machine_gives_its_features_and_names_the_part_when_there_is_no_model_name() {
        List<String> cpuinfo = List.of("processor\t: 0", "BogoMIPS\t: 243.75",
                "Features\t: fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid asimdrdm "
                        + "asimddp sve i8mm bf16 sve2", "CPU implementer\t: 0x41", "CPU part\t: 0xd40");

        MachineInfo.Cpu cpu = MachineInfo.parseCpuinfo(cpuinfo);

        assertThat(cpu.model()).isEqualTo("ARM implementer 0x41, part 0xd40");
        assertThat(cpu.flags()).containsExactly("asimd", "asimddp", "i8mm", "bf16", "sve", "sve2");
        assertThat(MachineInfo.parseCpuinfo(List.of())).isEqualTo(new MachineInfo.Cpu("unknown", List.of()));
    }
}
