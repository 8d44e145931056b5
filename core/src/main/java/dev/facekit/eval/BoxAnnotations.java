package dev.facekit.eval;

import dev.facekit.geometry.BoundingBox;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ground-truth face boxes per image, read from a CSV file with the columns {@code file, x, y,
 * width, height} (pixels of the upright image, origin top-left; other columns are ignored).
 *
 * <p>Immutable and thread-safe.
 *
 * @param boxes the boxes of each image, images in file order
 */
public record BoxAnnotations(Map<String, List<BoundingBox>> boxes) {

    /** Copies the map, keeping its order. */
    public BoxAnnotations {
        Map<String, List<BoundingBox>> copy = new LinkedHashMap<>();
        boxes.forEach((file, list) -> copy.put(file, List.copyOf(list)));
        boxes = Collections.unmodifiableMap(copy);
    }

    /**
     * Reads annotations from a CSV file with a header naming {@code file, x, y, width, height}.
     *
     * @param file the CSV file
     * @return the annotations
     * @throws IllegalArgumentException if a column is missing or a value is not a valid box (the
     *     message names the file and line)
     * @throws UncheckedIOException if the file cannot be read
     */
    public static BoxAnnotations read(Path file) {
        Csv csv = Csv.read(file);
        int f = csv.require("file");
        int[] c = {csv.require("x"), csv.require("y"), csv.require("width"), csv.require("height")};
        String[] names = {"x", "y", "width", "height"};
        Map<String, List<BoundingBox>> boxes = new LinkedHashMap<>();
        for (Csv.Row row : csv.rows()) {
            float[] v = new float[4];
            for (int i = 0; i < 4; i++) {
                v[i] = parse(csv, row, names[i], csv.field(row, c[i]));
            }
            BoundingBox box;
            try {
                box = new BoundingBox(v[0], v[1], v[2], v[3]);
            } catch (IllegalArgumentException e) {
                throw csv.error(row, e.getMessage());
            }
            boxes.computeIfAbsent(csv.field(row, f), k -> new ArrayList<>()).add(box);
        }
        return new BoxAnnotations(boxes);
    }

    /** Returns the total number of boxes. */
    public int size() {
        return boxes.values().stream().mapToInt(List::size).sum();
    }

    private static float parse(Csv csv, Csv.Row row, String column, String value) {
        try {
            return Float.parseFloat(value);
        } catch (NumberFormatException e) {
            throw csv.error(row, "column '" + column + "' must be a number, found '" + value + "'");
        }
    }
}
