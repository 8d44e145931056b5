/**
 * Benchmark-only classes in the detector's package: {@link dev.facekit.mtcnn.StageClock} reaches
 * the package-private stage timing of {@link dev.facekit.mtcnn.MtcnnDetector}. Not part of the
 * library.
 */
package dev.facekit.mtcnn;
