/**
 * FaceKit's JMH benchmarks and measurement tools; how to run them and the results are in {@code
 * benchmarks/README.md}.
 */
package dev.facekit.benchmarks;
