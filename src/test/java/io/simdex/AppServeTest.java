package io.simdex;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.simdex.config.SettingsException;
import io.simdex.config.SettingsLoader;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

/** {@code simdex serve} binds before it loads anything, so a bad address fails at once, in one line. */
class AppServeTest {

    @TempDir
    Path dir;

    @Test
    void a_port_in_use_fails_before_the_store_or_the_model_is_touched() throws Exception {
        try (var taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            var settings = SettingsLoader.load(null, Map.of(), Map.of("server.port",
                    String.valueOf(taken.getLocalPort()), "store.path", dir.resolve("simdex.db").toString(),
                    "model.cache-dir", dir.resolve("no-models-here").toString()));

            assertThatThrownBy(() -> App.serve(settings)).isInstanceOf(SettingsException.class)
                    .hasMessageContaining("cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .hasMessageContaining("--port");
        }
        org.assertj.core.api.Assertions.assertThat(dir.resolve("simdex.db")).as("the store was never opened")
                .doesNotExist();
    }

    @Test
    void a_host_that_does_not_resolve_is_named_as_such() {
        var settings = SettingsLoader.load(null, Map.of(), Map.of("server.host", "no-such-host.invalid",
                "store.path", dir.resolve("simdex.db").toString()));

        assertThatThrownBy(() -> App.serve(settings)).isInstanceOf(SettingsException.class)
                .hasMessageContaining("server.host 'no-such-host.invalid' is not an address of this machine");
    }
}
