package io.simdex.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.util.List;

class ScanPoolTest {

    @Test
    void shares_run_on_the_caller_and_on_daemon_workers_and_come_back_in_order() {
        try (ScanPool pool = new ScanPool(3)) {
            List<Thread> threads = pool.run(3, i -> Thread.currentThread());

            assertThat(threads.get(0)).isSameAs(Thread.currentThread());
            assertThat(threads.subList(1, 3)).allSatisfy(thread -> {
                assertThat(thread.getName()).startsWith("simdex-scan-");
                assertThat(thread.isDaemon()).isTrue();
            });
            assertThat(pool.run(5, i -> i * i)).containsExactly(0, 1, 4, 9, 16);
        }
    }

    @Test
    void one_thread_means_the_caller_does_everything() {
        try (ScanPool pool = new ScanPool(1)) {
            assertThat(pool.run(2, i -> Thread.currentThread())).containsOnly(Thread.currentThread());
        }
    }

    @Test
    void a_failing_share_fails_the_run_with_its_own_exception() {
        try (ScanPool pool = new ScanPool(2)) {
            assertThatThrownBy(() -> pool.run(2, i -> {
                if (i == 1) {
                    throw new IllegalStateException("share " + i + " broke");
                }
                return i;
            })).isInstanceOf(IllegalStateException.class).hasMessage("share 1 broke");
        }
    }

    @Test
    void an_interrupted_caller_still_gets_every_share_and_keeps_its_interrupt() {
        try (ScanPool pool = new ScanPool(2)) {
            Thread.currentThread().interrupt();

            assertThat(pool.run(2, i -> i)).containsExactly(0, 1);
            assertThat(Thread.interrupted()).isTrue();
        }
    }

    @Test
    void threads_must_be_positive() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ScanPool(0))
                .withMessage("threads must be >= 1 but was 0");
    }
}
