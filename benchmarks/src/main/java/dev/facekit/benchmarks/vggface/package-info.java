/**
 * JMH benchmarks of the keras-vggface models converted by FaceKit, on generated weights of the
 * published shapes; results in {@code benchmarks/README.md}, section "VGGFace embedding".
 */
package dev.facekit.benchmarks.vggface;
