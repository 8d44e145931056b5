/**
 * Small example programs that mirror the tutorial's steps ({@link
 * dev.facekit.examples.DetectAndDraw}, {@link dev.facekit.examples.ExtractFace}, {@link
 * dev.facekit.examples.VerifyTwoPhotos}, {@link dev.facekit.examples.IdentifyAgainstGallery}), the
 * bundled {@link dev.facekit.examples.Samples sample photos}, and {@link
 * dev.facekit.examples.FaceDrawing}, which draws detections for people who would rather look.
 */
package dev.facekit.examples;
