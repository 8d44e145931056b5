/**
 * Face embedders that run TensorFlow SavedModels: {@link dev.facekit.vggface.SavedModelEmbedder}
 * runs any face-embedding SavedModel described by a {@link dev.facekit.vggface.ModelDescriptor}
 * ({@code facekit-model.json} next to {@code saved_model.pb}), including the bundled compact 128-d
 * dlib-ResNet model ({@link dev.facekit.vggface.SavedModelEmbedder#compact()}).
 */
package dev.facekit.vggface;
