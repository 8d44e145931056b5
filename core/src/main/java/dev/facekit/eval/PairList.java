package dev.facekit.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A list of labelled image pairs for verification, read from a CSV file or from LFW's {@code
 * pairs.txt} format.
 *
 * <p><b>CSV</b>: a header line naming at least the columns {@code file_a}, {@code file_b} and
 * {@code same} (1/0 or true/false), optionally {@code fold} (an integer); other columns such as
 * {@code notes} are ignored. Fields may be quoted as in RFC 4180. When the {@code fold} column is
 * present every row must fill it.
 *
 * <p><b>LFW text</b>: the first line is either {@code N} (one set: N same pairs, then N different
 * pairs; LFW's {@code pairsDevTrain.txt} and {@code pairsDevTest.txt}) or {@code S N} (S sets of N
 * same then N different pairs; LFW's {@code pairs.txt}, where each set is one of the official ten
 * folds). Same pairs are {@code name n1 n2}, different pairs {@code name1 n1 name2 n2}, separated
 * by tabs or spaces; image {@code n} of {@code name} is {@code name/name_000n.jpg}. With S sets the
 * pairs get folds 0 to S-1; with one set they have no fold.
 *
 * <p>Errors are {@link IllegalArgumentException}s whose message names the file and the line.
 * Immutable and thread-safe.
 *
 * @param source the file the list was read from, or {@code null} when built in code
 * @param pairs the pairs in file order
 */
public record PairList(Path source, List<VerificationPair> pairs) {

    /** Copies the pairs and checks that either all or none have a fold. */
    public PairList {
        pairs = List.copyOf(pairs);
        long withFold = pairs.stream().filter(VerificationPair::hasFold).count();
        if (withFold != 0 && withFold != pairs.size()) {
            throw new IllegalArgumentException(
                    "either all pairs or none must have a fold, found "
                            + withFold
                            + " of "
                            + pairs.size());
        }
    }

    /**
     * Reads a pair list, choosing the format by the file name: {@code .csv} is CSV, anything else
     * LFW text with image paths relative to the LFW image folder.
     *
     * @param file the list
     * @return the pairs
     * @throws IllegalArgumentException if the file is malformed (the message names the line)
     * @throws UncheckedIOException if the file cannot be read
     */
    public static PairList read(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".csv") ? readCsv(file) : readLfw(file, "");
    }

    /**
     * Reads a CSV pair list (see the class documentation).
     *
     * @param file the list
     * @return the pairs
     * @throws IllegalArgumentException if a column is missing or a value is malformed
     * @throws UncheckedIOException if the file cannot be read
     */
    public static PairList readCsv(Path file) {
        Csv csv = Csv.read(file);
        int a = csv.require("file_a");
        int b = csv.require("file_b");
        int same = csv.require("same");
        int fold = csv.has("fold") ? csv.require("fold") : -1;

        // One pair per row, with the row's line for later messages
        List<VerificationPair> pairs = new ArrayList<>();
        for (Csv.Row row : csv.rows()) {
            boolean isSame = parseSame(csv, row, csv.field(row, same));
            int f = fold < 0 ? VerificationPair.NO_FOLD : parseFold(csv, row, csv.field(row, fold));
            String fa = csv.field(row, a);
            String fb = csv.field(row, b);
            if (fa.isEmpty() || fb.isEmpty()) {
                throw csv.error(row, "file_a and file_b must not be empty");
            }
            pairs.add(new VerificationPair(fa, fb, isSame, f, row.line()));
        }
        return new PairList(file, pairs);
    }

    /**
     * Reads LFW's text format (see the class documentation).
     *
     * @param file the list, for example LFW's {@code pairs.txt}
     * @param prefix prepended to every image path, for example {@code "lfw/"} when the root is the
     *     folder above LFW's image folder; empty when the root is the image folder itself
     * @return the pairs
     * @throws IllegalArgumentException if the header, a line or the number of lines is wrong
     * @throws UncheckedIOException if the file cannot be read
     */
    public static PairList readLfw(Path file, String prefix) {
        List<String> lines = readLines(file);
        int first = firstNonBlank(lines);
        if (first < 0) {
            throw new IllegalArgumentException(file + ": empty file, expected a header line");
        }

        // Header: "N" or "S N"
        String[] head = lines.get(first).trim().split("\\s+");
        if (head.length > 2) {
            throw lfwError(
                    file, first, "header must be 'N' or 'S N', found " + head.length + " fields");
        }
        int sets = head.length == 2 ? parseCount(file, first, head[0]) : 1;
        int perSet = parseCount(file, first, head[head.length - 1]);

        // Pairs: per set, perSet same then perSet different
        List<VerificationPair> pairs = new ArrayList<>();
        int index = first + 1;
        for (int s = 0; s < sets; s++) {
            int fold = sets > 1 ? s : VerificationPair.NO_FOLD;
            for (int i = 0; i < 2 * perSet; i++, index++) {
                if (index >= lines.size() || lines.get(index).isBlank()) {
                    throw lfwError(
                            file,
                            index,
                            "header promises "
                                    + sets * 2 * perSet
                                    + " pairs, found only "
                                    + pairs.size());
                }
                pairs.add(lfwPair(file, index, lines.get(index), i < perSet, fold, prefix));
            }
        }
        requireNoMoreLines(file, lines, index, sets * 2 * perSet);
        return new PairList(file, pairs);
    }

    /** Returns the number of pairs. */
    public int size() {
        return pairs.size();
    }

    /** Returns whether the list assigns folds to its pairs. */
    public boolean hasFolds() {
        return !pairs.isEmpty() && pairs.get(0).hasFold();
    }

    /** Returns a name for messages: the source file's name, or "pairs built in code". */
    public String name() {
        return source == null ? "pairs built in code" : source.getFileName().toString();
    }

    private static VerificationPair lfwPair(
            Path file, int index, String line, boolean same, int fold, String prefix) {
        String[] t = line.trim().split("\\s+");
        if (same && t.length != 3) {
            throw lfwError(file, index, "expected a same pair 'name n1 n2', found: " + line.trim());
        }
        if (!same && t.length != 4) {
            throw lfwError(
                    file, index, "expected a different pair 'name1 n1 name2 n2', found: " + line);
        }
        String a = lfwImage(file, index, prefix, t[0], t[1]);
        String b =
                same
                        ? lfwImage(file, index, prefix, t[0], t[2])
                        : lfwImage(file, index, prefix, t[2], t[3]);
        return new VerificationPair(a, b, same, fold, index + 1);
    }

    private static String lfwImage(Path file, int index, String prefix, String name, String n) {
        int number = parseCount(file, index, n);
        return String.format(Locale.ROOT, "%s%s/%s_%04d.jpg", prefix, name, name, number);
    }

    private static void requireNoMoreLines(Path file, List<String> lines, int index, int pairs) {
        for (int i = index; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                throw lfwError(file, i, "header promises " + pairs + " pairs, found more lines");
            }
        }
    }

    private static boolean parseSame(Csv csv, Csv.Row row, String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "1", "true" -> {
                return true;
            }
            case "0", "false" -> {
                return false;
            }
            default ->
                    throw csv.error(
                            row,
                            "column 'same' must be 1, 0, true or false, found '" + value + "'");
        }
    }

    private static int parseFold(Csv csv, Csv.Row row, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw csv.error(row, "column 'fold' must be an integer, found '" + value + "'");
        }
    }

    private static int parseCount(Path file, int index, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw lfwError(file, index, "expected a positive integer, found '" + value + "'");
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static int firstNonBlank(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                return i;
            }
        }
        return -1;
    }

    private static IllegalArgumentException lfwError(Path file, int index, String problem) {
        return new IllegalArgumentException(file + " line " + (index + 1) + ": " + problem);
    }
}
