package dev.facekit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facekit.image.RgbImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import picocli.CommandLine;

/** Runs the tool in-process with captured stdout and stderr. */
final class Cli {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One run's exit code and output. */
    record Run(int exitCode, String out, String err) {

        List<String> outLines() {
            return out.isEmpty() ? List.of() : List.of(out.split("\\R"));
        }

        List<String> errLines() {
            return err.isEmpty() ? List.of() : List.of(err.split("\\R"));
        }

        /** Every stdout line parsed as JSON. */
        List<JsonNode> json() {
            List<JsonNode> nodes = new ArrayList<>();
            for (String line : outLines()) {
                try {
                    nodes.add(MAPPER.readTree(line));
                } catch (IOException e) {
                    throw new AssertionError("not a JSON line: " + line, e);
                }
            }
            return nodes;
        }
    }

    private Cli() {}

    static Run run(ModelFactory models, String... args) {
        CommandLine cli = Main.commandLine(new Context(models));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static Run run(String... args) {
        return run(new FakeModels(), args);
    }

    /** The field names of a JSON object, in order. */
    static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    /** Writes a plain-colour PNG. */
    static Path png(Path file, int width, int height, int rgb) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            ImageIO.write(
                    RgbImage.filled(width, height, rgb).toBufferedImage(), "png", file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
