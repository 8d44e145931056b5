package dev.facekit.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the benchmarks and tools write their own JSON results, next to JMH's. */
final class Results {

    private Results() {}

    /** Returns {@code facekit.bench.out}, default {@code benchmarks/target/results}. */
    static Path folder() {
        return Path.of(System.getProperty("facekit.bench.out", "benchmarks/target/results"));
    }

    /** Writes {@code value} as indented JSON to {@code name} in {@link #folder()}. */
    static Path write(String name, Object value) throws IOException {
        Path dir = folder();
        Files.createDirectories(dir);
        Path file = dir.resolve(name);
        new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(file.toFile(), value);
        return file;
    }
}
