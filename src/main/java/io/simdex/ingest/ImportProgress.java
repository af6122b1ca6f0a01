package io.simdex.ingest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * The progress line of a long import or re-encoding, logged once per committed batch: how far it is, papers per
 * second so far, and the time left at that rate.
 */
final class ImportProgress {

    private static final Logger LOG = LoggerFactory.getLogger(ImportProgress.class);

    private final String what;
    private final int total;
    private final long startNanos;

    /**
     * @param what  what is done, e.g. {@code import bundled}
     * @param total papers in all
     */
    ImportProgress(String what, int total) {
        this(what, total, System.nanoTime());
    }

    ImportProgress(String what, int total, long startNanos) {
        this.what = what;
        this.total = total;
        this.startNanos = startNanos;
    }

    /** Logs the line for {@code done} papers. */
    void log(int done) {
        LOG.info(line(done, System.nanoTime()));
    }

    /** {@code import bundled: 512/772 papers (51.2 papers/s, ETA 5 s)} at {@code nowNanos}. */
    String line(int done, long nowNanos) {
        double seconds = Math.max((nowNanos - startNanos) / 1e9, 1e-9);
        double rate = done / seconds;
        String eta = done >= total ? "done" : "ETA " + duration(Math.round((total - done) / Math.max(rate, 1e-9)));
        return String.format(Locale.ROOT, "%s: %d/%d papers (%.1f papers/s, %s)", what, done, total, rate, eta);
    }

    /** {@code 42 s}, {@code 3 min 05 s}, {@code 2 h 07 min}. */
    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, seconds % 3600 / 60);
    }
}
