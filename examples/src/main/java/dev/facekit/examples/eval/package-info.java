/**
 * Evaluation helpers of the examples and the CLI that need more than {@code core}: {@link
 * dev.facekit.examples.eval.RocPlot} draws verification results with XChart.
 */
package dev.facekit.examples.eval;
