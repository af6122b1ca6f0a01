package io.simdex.launch;

import io.simdex.config.SettingsException;
import io.simdex.corpus.CorpusException;
import io.simdex.encode.EncoderException;
import io.simdex.search.InvalidQueryException;
import io.simdex.search.UnknownPaperException;
import io.simdex.store.StoreException;

import java.io.UncheckedIOException;
import java.util.concurrent.Callable;

/** Runs a command body and turns the failures a user can fix into one clear line and an exit code. */
public final class Launcher {

    /** Exit code for a configuration, corpus or model problem the user can fix. */
    public static final int USAGE_ERROR = 2;

    private Launcher() {
    }

    /**
     * Runs a command body: its exit code, or {@link #USAGE_ERROR} with one line on stderr for a failure the user
     * can fix (bad settings, corpus, model, query, or any of {@code alsoUsageErrors}), or 1 with a stack trace
     * for anything else.
     */
    @SafeVarargs
    public static int run(Callable<Integer> body, Class<? extends RuntimeException>... alsoUsageErrors) {
        try {
            return body.call();
        } catch (SettingsException | CorpusException | EncoderException | StoreException | UncheckedIOException
                 | InvalidQueryException | UnknownPaperException e) {
            return usageError(e);
        } catch (RuntimeException e) {
            for (Class<? extends RuntimeException> type : alsoUsageErrors) {
                if (type.isInstance(e)) {
                    return usageError(e);
                }
            }
            return unexpected(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (Exception e) {
            return unexpected(e);
        }
    }

    private static int usageError(Exception e) {
        System.err.println("simdex: " + e.getMessage());
        return USAGE_ERROR;
    }

    private static int unexpected(Exception e) {
        System.err.println("simdex: unexpected failure: " + e);
        e.printStackTrace(System.err);
        return 1;
    }

    public static void onShutdown(Runnable action) {
        Runtime.getRuntime().addShutdownHook(new Thread(action, "simdex-shutdown"));
    }
}
