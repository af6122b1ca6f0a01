package io.simdex.cli;

import io.simdex.config.SettingsException;
import io.simdex.corpus.CorpusException;
import io.simdex.encode.EncoderException;
import io.simdex.eval.EvalDataException;
import io.simdex.search.InvalidQueryException;
import io.simdex.search.UnknownPaperException;

import java.io.UncheckedIOException;
import java.util.concurrent.Callable;

/** Runs a command body and turns the failures a user can fix into one clear line and an exit code. */
final class Launcher {

    /** Exit code for a configuration, corpus or model problem the user can fix. */
    static final int USAGE_ERROR = 2;

    private Launcher() {
    }

    static int run(Callable<Integer> body) {
        try {
            return body.call();
        } catch (SettingsException | CorpusException | EncoderException | EvalDataException | UncheckedIOException
                 | InvalidQueryException | UnknownPaperException e) {
            System.err.println("simdex: " + e.getMessage());
            return USAGE_ERROR;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (Exception e) {
            System.err.println("simdex: unexpected failure: " + e);
            e.printStackTrace(System.err);
            return 1;
        }
    }

    static void onShutdown(Runnable action) {
        Runtime.getRuntime().addShutdownHook(new Thread(action, "simdex-shutdown"));
    }
}
