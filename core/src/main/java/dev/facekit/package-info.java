/**
 * FaceKit: face detection and face recognition in-process on the JVM.
 *
 * <p>Coordinates everywhere in FaceKit are float pixels of the upright image (EXIF orientation
 * applied), origin at the top-left corner, x to the right and y down. The packages:
 *
 * <ul>
 *   <li>{@link dev.facekit.image}: decoding any photo into an upright 8-bit {@link
 *       dev.facekit.image.RgbImage};
 *   <li>{@link dev.facekit.geometry}: boxes, points, the five landmarks, similarity transforms;
 *   <li>{@link dev.facekit.detect}: the {@link dev.facekit.detect.FaceDetector} interface and its
 *       result type;
 *   <li>{@link dev.facekit.align}: chips cut by box or aligned by five landmarks;
 *   <li>{@link dev.facekit.embed}: embeddings, metrics, thresholds and the {@link
 *       dev.facekit.embed.FaceEmbedder} interface;
 *   <li>{@link dev.facekit.model}: the exception for model and signature problems.
 * </ul>
 */
package dev.facekit;
