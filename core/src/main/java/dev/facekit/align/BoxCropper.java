package dev.facekit.align;

import dev.facekit.detect.DetectedFace;
import dev.facekit.geometry.BoundingBox;
import dev.facekit.image.Resampling;
import dev.facekit.image.RgbImage;

/**
 * Cuts a face by its box: the box is grown by {@code margin} pixels on every side, cut out, and
 * resized bilinearly to {@code size x size} (the box is not made square first, so a tall box is
 * squeezed, as in the keras-vggface tutorial). Parts outside the image are filled by edge
 * replication.
 *
 * @param size side of the chip in pixels, {@code > 0}
 * @param margin pixels added on every side of the box, {@code >= 0}
 */
public record BoxCropper(int size, float margin) implements FaceCropper {

    /** Validates the size and margin. */
    public BoxCropper {
        if (size <= 0) {
            throw new IllegalArgumentException("size must be > 0, got " + size);
        }
        if (!(margin >= 0) || !Float.isFinite(margin)) {
            throw new IllegalArgumentException("margin must be finite and >= 0, got " + margin);
        }
    }

    @Override
    public RgbImage crop(RgbImage image, DetectedFace face) {
        BoundingBox region = face.box().expand(margin);
        if (region.width() <= 0 || region.height() <= 0) {
            throw new IllegalArgumentException("face box has zero size: " + face.box());
        }
        return Resampling.cut(image, region, size, size);
    }
}
