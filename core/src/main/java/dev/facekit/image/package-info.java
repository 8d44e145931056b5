/**
 * Images: {@link dev.facekit.image.RgbImage}, the immutable upright 8-bit RGB picture every other
 * part of FaceKit works on, and {@link dev.facekit.image.ImageDecoder}, which makes one from the
 * bytes of any common photo format, applying EXIF orientation.
 */
package dev.facekit.image;
