package dev.facekit.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every command has: the output options, its spec, and the run's context. */
abstract class BaseCommand implements Callable<Integer> {

    @Mixin OutputOptions output = new OutputOptions();

    @Spec CommandSpec spec;

    /** Set by {@link Main}'s factory before the command runs. */
    Context context;

    /** Returns a reporter writing to this command's out and err streams. */
    Reporter reporter() {
        return new Reporter(
                spec.commandLine().getOut(),
                spec.commandLine().getErr(),
                spec.qualifiedName(),
                output);
    }

    ModelFactory models() {
        return context.models();
    }
}
