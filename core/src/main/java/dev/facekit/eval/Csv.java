package dev.facekit.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small reader for comma-separated files with a header line: RFC 4180 quoting (fields in double
 * quotes may hold commas and doubled quotes), no line breaks inside fields, blank lines skipped.
 * Every row remembers its 1-based line number so that errors can name it.
 */
final class Csv {

    /** One data row: its line number and its fields. */
    record Row(int line, List<String> fields) {}

    private final Path file;
    private final List<String> header;
    private final Map<String, Integer> columns;
    private final List<Row> rows;

    private Csv(Path file, List<String> header, List<Row> rows) {
        this.file = file;
        this.header = header;
        this.rows = rows;
        this.columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            columns.putIfAbsent(header.get(i).trim().toLowerCase(Locale.ROOT), i);
        }
    }

    /** Reads a whole file; the first non-blank line is the header. */
    static Csv read(Path file) {
        List<String> header = null;
        List<Row> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNo = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                List<String> fields = split(file, lineNo, line);
                if (header == null) {
                    header = fields;
                } else {
                    rows.add(new Row(lineNo, fields));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (header == null) {
            throw new IllegalArgumentException(file + ": empty file, expected a header line");
        }
        return new Csv(file, header, rows);
    }

    /** Returns the data rows in file order. */
    List<Row> rows() {
        return rows;
    }

    /** Returns whether the header names the column (case-insensitive). */
    boolean has(String column) {
        return columns.containsKey(column);
    }

    /** Returns the index of a column the file must have. */
    int require(String column) {
        Integer i = columns.get(column);
        if (i == null) {
            throw new IllegalArgumentException(
                    file + " line 1: missing column '" + column + "', header is " + header);
        }
        return i;
    }

    /** Returns a field of a row, failing with the line number when the row is too short. */
    String field(Row row, int index) {
        if (index >= row.fields().size()) {
            throw error(
                    row,
                    "expected "
                            + header.size()
                            + " fields as in the header, found "
                            + row.fields().size());
        }
        return row.fields().get(index).trim();
    }

    /** Returns an exception whose message names the file and the row's line. */
    IllegalArgumentException error(Row row, String problem) {
        return new IllegalArgumentException(file + " line " + row.line() + ": " + problem);
    }

    private static List<String> split(Path file, int lineNo, String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException(
                    file + " line " + lineNo + ": unterminated quoted field");
        }
        fields.add(field.toString());
        return fields;
    }
}
