/**
 * MTCNN face detection: {@link dev.facekit.mtcnn.MtcnnDetector} and its settings {@link
 * dev.facekit.mtcnn.MtcnnOptions}. The P-, R- and O-Net SavedModels ship as resources of this
 * package ({@code pnet/}, {@code rnet/}, {@code onet/}); the package-private classes hold the
 * pipeline's steps (area resampling, crops, non-maximum suppression, the session runs).
 */
package dev.facekit.mtcnn;
