/**
 * Chips: faces cut to a model's input size, either by their box ({@link
 * dev.facekit.align.BoxCropper}) or by mapping the five landmarks onto a template with a
 * least-squares similarity transform ({@link dev.facekit.align.LandmarkAligner}). Pixels outside
 * the image are filled by edge replication (see {@link dev.facekit.image.Resampling}).
 */
package dev.facekit.align;
