package io.simdex.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.simdex.index.FlatIndex;
import io.simdex.index.Hit;
import io.simdex.index.SearchRequest;
import io.simdex.kernels.KernelSelector.Choice;
import io.simdex.kernels.KernelSelector.Platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

class KernelSelectorTest {

    @Test
    void the_vector_api_is_chosen_when_its_module_is_present() {
        Choice choice = KernelSelector.choose(new Platform(false, true, false));

        assertThat(choice.panama()).isTrue();
    }

    @Test
    void without_the_module_scalar_kernels_are_chosen_and_the_reason_names_the_fix() {
        Choice choice = KernelSelector.choose(new Platform(false, false, false));

        assertThat(choice.panama()).isFalse();
        assertThat(choice.reason()).isEqualTo("Vector API unavailable (module jdk.incubator.vector not in the boot"
                + " layer); using scalar kernels. Start java with --add-modules jdk.incubator.vector for faster"
                + " search.");
    }

    @Test
    void the_system_property_forces_scalar_kernels() {
        Choice choice = KernelSelector.choose(new Platform(true, true, false));

        assertThat(choice.panama()).isFalse();
        assertThat(choice.reason()).contains("-Dsimdex.vector.scalar=true");
    }

    @Test
    void an_interpreter_only_jvm_gets_scalar_kernels() {
        Choice choice = KernelSelector.choose(new Platform(false, true, true));

        assertThat(choice.panama()).isFalse();
        assertThat(choice.reason()).contains("-Xint");
    }

    @Test
    void this_test_jvm_has_the_module_and_loads_the_panama_kernels() {
        assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).isPresent();
        assertThat(KernelSelector.loadPanama().name()).startsWith("panama ").endsWith("-bit");
        assertThat(VectorMath.implementation()).isEqualTo(KernelSelector.loadPanama().name());
    }

    @Test
    void a_jvm_without_the_module_searches_with_scalar_kernels_and_logs_how_to_enable_the_vector_api()
            throws Exception {
        Result result = runSearchInNewJvm();

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).isEqualTo("scalar [a]");
        assertThat(result.stderr())
                .contains("WARN")
                .contains("Vector API unavailable (module jdk.incubator.vector not in the boot layer)")
                .contains("--add-modules jdk.incubator.vector")
                .doesNotContain("NoClassDefFoundError");
    }

    @Test
    void a_jvm_with_the_module_and_the_property_searches_with_scalar_kernels() throws Exception {
        Result result = runSearchInNewJvm("--add-modules", "jdk.incubator.vector", "-Dsimdex.vector.scalar=true");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).isEqualTo("scalar [a]");
        assertThat(result.stderr()).contains("INFO").contains("-Dsimdex.vector.scalar=true");
    }

    @Test
    void a_jvm_with_the_module_searches_with_panama_kernels() throws Exception {
        Result result = runSearchInNewJvm("--add-modules", "jdk.incubator.vector");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).matches("panama \\d+-bit \\[a]");
        assertThat(result.stderr()).contains("Vector API enabled");
    }

    /** Entry point of the child JVMs: prints the kernels' name and the ids a tiny search returns. */
    static final class SearchOnce {
        public static void main(String[] args) {
            FlatIndex index = new FlatIndex(3);
            index.add("a", new float[] {1, 0, 0});
            index.add("b", new float[] {0, 1, 0});
            List<String> ids = index.search(SearchRequest.of(new float[] {1, 0.1f, 0}, 1)).stream()
                    .map(Hit::id).toList();
            System.out.print(VectorMath.implementation() + " " + ids);
        }
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private static Result runSearchInNewJvm(String... jvmOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SearchOnce.class.getName()));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), stdout, stderr);
    }
}
