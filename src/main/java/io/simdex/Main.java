package io.simdex;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import io.simdex.cli.CheckCommand;
import io.simdex.cli.DedupCommand;
import io.simdex.cli.ExportCommand;
import io.simdex.cli.ImportCommand;
import io.simdex.cli.RestoreCommand;
import io.simdex.cli.ServeCommand;
import io.simdex.cli.SimilarCommand;
import io.simdex.cli.SnapshotCommand;
import io.simdex.tools.bench.BenchCommand;
import io.simdex.tools.calibrate.CalibrateCommand;
import io.simdex.tools.eval.EvalCommand;

/**
 * The {@code simdex} command line: {@code serve} starts the HTTP service; {@code similar}, {@code check} and
 * {@code dedup} answer one question each, as the API would; {@code bench} measures.
 */
@Command(name = "simdex",
        mixinStandardHelpOptions = true,
        version = "simdex 0.1.0",
        description = "Semantic similarity search over scientific paper abstracts.",
        subcommands = {ServeCommand.class, SimilarCommand.class, CheckCommand.class, DedupCommand.class,
            ImportCommand.class, ExportCommand.class, SnapshotCommand.class, RestoreCommand.class,
            CalibrateCommand.class, EvalCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
