package io.simdex.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The import's progress line: papers per second so far and the time left at that rate. */
class ImportProgressTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void the_line_gives_the_rate_so_far_and_the_time_left_at_it() {
        var progress = new ImportProgress("import bundled", 772, 0);
        // 256 papers in 8 s: 32 papers/s; 516 left take 16.1 s
        assertThat(progress.line(256, 8 * SECOND)).isEqualTo("import bundled: 256/772 papers (32.0 papers/s, ETA 16 s)");
        assertThat(progress.line(772, 20 * SECOND)).isEqualTo("import bundled: 772/772 papers (38.6 papers/s, done)");
    }

    @Test
    void long_times_left_are_written_in_minutes_and_hours() {
        // 256 of 100,000 papers in 10 s: 25.6 papers/s, 99,744 left take 3,896 s
        assertThat(new ImportProgress("import big.jsonl", 100_000, 0).line(256, 10 * SECOND))
                .endsWith("(25.6 papers/s, ETA 1 h 04 min)");
        assertThat(ImportProgress.duration(59)).isEqualTo("59 s");
        assertThat(ImportProgress.duration(185)).isEqualTo("3 min 05 s");
        assertThat(ImportProgress.duration(7_620)).isEqualTo("2 h 07 min");
    }
}
