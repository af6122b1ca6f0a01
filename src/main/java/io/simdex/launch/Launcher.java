package io.simdex.launch;

import io.simdex.config.SettingsException;
import io.simdex.corpus.CorpusException;
import io.simdex.encode.EncoderException;
import io.simdex.search.InvalidQueryException;
import io.simdex.search.UnknownPaperException;
import io.simdex.store.StoreException;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;

/**
 * Runs a command body and turns its failures into one line on stderr and an exit code: {@link #USAGE_ERROR} for
 * what the user can fix, 1 for anything else. The stack trace follows only with {@code --verbose}.
 */
public final class Launcher {

    /** Exit code for a configuration, corpus or model problem the user can fix. */
    public static final int USAGE_ERROR = 2;

    /** Exit code for a failure simdex did not expect: a bug, or a machine problem it has no words for. */
    public static final int UNEXPECTED = 1;

    private Launcher() {
    }

    /**
     * Runs a command body: its exit code, or {@link #USAGE_ERROR} with one line on stderr for a failure the user
     * can fix (bad settings, corpus, model, store, query, or any of {@code alsoUsageErrors}), or {@link #UNEXPECTED}
     * with one line for anything else.
     *
     * @param verbose also print the failure's stack trace ({@code --verbose})
     */
    @SafeVarargs
    public static int run(boolean verbose, Callable<Integer> body,
            Class<? extends RuntimeException>... alsoUsageErrors) {
        return run(body, verbose, System.err, alsoUsageErrors);
    }

    /** {@link #run(boolean, Callable, Class[])}, writing the failure to {@code err}. */
    @SafeVarargs
    static int run(Callable<Integer> body, boolean verbose, PrintStream err,
            Class<? extends RuntimeException>... alsoUsageErrors) {
        try {
            return body.call();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (Exception | Error e) {
            boolean fixable = isUsageError(e);
            for (Class<? extends RuntimeException> type : alsoUsageErrors) {
                fixable |= type.isInstance(e);
            }
            if (fixable) {
                err.println("simdex: " + e.getMessage());
            } else {
                err.println("simdex: unexpected failure: " + e
                        + (verbose ? "" : " (run again with --verbose for where it happened)"));
            }
            if (verbose) {
                e.printStackTrace(err);
            }
            return fixable ? USAGE_ERROR : UNEXPECTED;
        }
    }

    private static boolean isUsageError(Throwable e) {
        return e instanceof SettingsException || e instanceof CorpusException || e instanceof EncoderException
                || e instanceof StoreException || e instanceof UncheckedIOException
                || e instanceof InvalidQueryException || e instanceof UnknownPaperException;
    }

    public static void onShutdown(Runnable action) {
        Runtime.getRuntime().addShutdownHook(new Thread(action, "simdex-shutdown"));
    }
}
