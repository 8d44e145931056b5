package dev.facekit.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.OptionalInt;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The {@code facekit} command-line tool: {@code java -jar examples/target/facekit.jar COMMAND}.
 * Commands, options, exit codes and JSON fields are documented in {@code examples/CLI.md}.
 */
public final class Main {

    private Main() {}

    /**
     * Runs the tool and exits with its exit code (0 success, 1 other error, 2 wrong usage, 3 some
     * inputs failed).
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        OptionalInt child = Relaunch.ifNeeded(args);
        if (child.isPresent()) {
            System.exit(child.getAsInt());
        }
        Relaunch.watchParent();
        System.exit(commandLine(new Context(new BundledModels())).execute(args));
    }

    /** Builds the command line for one run; tests call {@code execute} on it with fakes. */
    static CommandLine commandLine(Context context) {
        IFactory defaults = CommandLine.defaultFactory();
        IFactory factory =
                new IFactory() {
                    @Override
                    public <K> K create(Class<K> cls) throws Exception {
                        K object = defaults.create(cls);
                        if (object instanceof BaseCommand command) {
                            command.context = context;
                        }
                        return object;
                    }
                };
        CommandLine cli = new CommandLine(new FacekitCommand(), factory);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler(usageErrors());
        cli.setExecutionExceptionHandler(otherErrors());
        return cli;
    }

    /** Wrong usage: one line naming the command and the problem, exit code 2. */
    private static IParameterExceptionHandler usageErrors() {
        return (ParameterException e, String[] args) -> {
            CommandLine cmd = e.getCommandLine();
            PrintWriter err = cmd.getErr();
            String name = cmd.getCommandSpec().qualifiedName();
            err.println(name + ": " + e.getMessage() + " (see '" + name + " --help')");
            if (verbose(cmd.getParseResult())) {
                e.printStackTrace(err);
            }
            err.flush();
            return ExitCodes.USAGE;
        };
    }

    /** Anything else: one line naming the command and the reason, exit code 1. */
    private static IExecutionExceptionHandler otherErrors() {
        return (Exception e, CommandLine cmd, ParseResult parsed) -> {
            PrintWriter err = cmd.getErr();
            err.println(cmd.getCommandSpec().qualifiedName() + ": " + message(e));
            if (verbose(parsed)) {
                e.printStackTrace(err);
            }
            err.flush();
            return ExitCodes.FAILED;
        };
    }

    static String message(Throwable e) {
        Throwable t =
                e instanceof UncheckedIOException && e.getMessage() == null ? e.getCause() : e;
        if (t instanceof UncheckedIOException u
                && u.getCause() instanceof FileSystemException f
                && (u.getMessage().equals(f.toString()) || u.getMessage().equals(f.getMessage()))) {
            t = f;
        }
        if (t instanceof FileSystemException f) {
            return fileProblem(f);
        }
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return t.getClass().getSimpleName();
        }
        return message.replace('\n', ' ');
    }

    /** A file system error in words: the NIO exceptions' own messages are often just the path. */
    static String fileProblem(FileSystemException f) {
        String what;
        if (f instanceof FileAlreadyExistsException) {
            what =
                    f.getFile() != null && Files.isRegularFile(Path.of(f.getFile()))
                            ? "is a file, a folder is needed"
                            : "already exists";
        } else if (f instanceof NoSuchFileException) {
            what = "no such file or folder";
        } else if (f instanceof AccessDeniedException) {
            what = "permission denied";
        } else if (f instanceof NotDirectoryException) {
            what = "not a folder";
        } else if (f instanceof DirectoryNotEmptyException) {
            what = "folder not empty";
        } else {
            what = f.getReason() != null ? f.getReason() : f.getClass().getSimpleName();
        }
        String file = f.getFile() == null ? "" : f.getFile();
        String other = f.getOtherFile() == null ? "" : " -> " + f.getOtherFile();
        return file + other + ": " + what;
    }

    private static boolean verbose(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
