package dev.facekit.eval;

import dev.facekit.geometry.BoundingBox;

/**
 * A ground-truth box that no detection matched, or a detection that matched no ground-truth box.
 *
 * @param file the image
 * @param box the unmatched box
 * @param bestIou the highest IoU of this box with any box of the other side in the same image (0
 *     when there is none); below the match threshold, or the best partner was taken
 */
public record BoxMiss(String file, BoundingBox box, double bestIou) {}
