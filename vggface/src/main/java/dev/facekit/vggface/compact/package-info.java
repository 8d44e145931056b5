/**
 * The bundled compact embedder's generator: {@link
 * dev.facekit.vggface.compact.CompactModelGenerator} turns face-api.js's TensorFlow.js weights of
 * dlib's face-recognition ResNet ({@link dev.facekit.vggface.compact.TfjsWeights}) into the
 * SavedModel that {@link dev.facekit.vggface.SavedModelEmbedder#compact()} loads.
 */
package dev.facekit.vggface.compact;
