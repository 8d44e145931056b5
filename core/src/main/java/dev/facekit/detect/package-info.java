/**
 * Face detection: the {@link dev.facekit.detect.FaceDetector} interface and {@link
 * dev.facekit.detect.DetectedFace}, its result. The MTCNN implementation lives in the {@code
 * facekit-mtcnn} module.
 */
package dev.facekit.detect;
