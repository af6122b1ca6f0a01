package io.simdex;

import io.simdex.cli.BenchCommand;
import io.simdex.cli.ServeCommand;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code simdex} command line: {@code serve} starts the HTTP service; more commands join as they arrive. */
@Command(name = "simdex",
        mixinStandardHelpOptions = true,
        version = "simdex 0.1.0",
        description = "Semantic similarity search over scientific paper abstracts.",
        subcommands = {ServeCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
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
