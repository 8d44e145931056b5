/**
 * The {@code facekit} command-line tool ({@link dev.facekit.cli.Main}): detect, extract, embed,
 * verify, enroll, identify, convert, eval, calibrate and demo. Its commands, exit codes and JSON
 * fields are documented in {@code examples/CLI.md}; the JSON field names are a stable contract.
 */
package dev.facekit.cli;
