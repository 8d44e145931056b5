package dev.facekit.cli;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Names the files one run writes into an output folder, so that two inputs with the same file name
 * (a/photo.jpg, b/photo.jpg) do not overwrite each other's output: the second becomes {@code
 * photo-2-faces.png}.
 */
final class OutputNames {

    private final Path dir;
    private final Set<String> stems = new HashSet<>();

    OutputNames(Path dir) {
        this.dir = dir;
    }

    /** Returns a stem for this input not used before in this run: "photo", then "photo-2". */
    String stem(Path input) {
        String base = Names.stem(input);
        String stem = base;
        for (int n = 2; !stems.add(stem); n++) {
            stem = base + "-" + n;
        }
        return stem;
    }

    /** Returns {@code dir/<stem><suffix>}. */
    Path file(String stem, String suffix) {
        return dir.resolve(stem + suffix);
    }
}
