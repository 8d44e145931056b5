package dev.facekit.align;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.facekit.detect.DetectedFace;
import dev.facekit.geometry.BoundingBox;
import dev.facekit.geometry.Landmarks;
import dev.facekit.geometry.Point;
import dev.facekit.geometry.SimilarityTransform;
import dev.facekit.image.RgbImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlignmentTest {

    /** R = x, G = y, B = 7: bilinear sampling of a linear ramp is exact, so values are coords. */
    private static RgbImage ramp() {
        int w = 256;
        int h = 256;
        byte[] px = new byte[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = 3 * (y * w + x);
                px[i] = (byte) x;
                px[i + 1] = (byte) y;
                px[i + 2] = 7;
            }
        }
        return RgbImage.ofRgb(w, h, px);
    }

    @Test
    void alignmentRecoversAKnownRotationScaleAndShift() {
        AlignmentTemplate template = AlignmentTemplate.DLIB_150;
        // The face in the image is the template turned by 17 degrees, scaled by 0.9, moved.
        SimilarityTransform chipToImage = SimilarityTransform.of(0.9, Math.toRadians(17), 80, 40);
        Landmarks inImage =
                Landmarks.of(
                        template.landmarks().points().stream().map(chipToImage::apply).toList());
        LandmarkAligner aligner = new LandmarkAligner(template);

        SimilarityTransform fit = aligner.transform(inImage);
        assertThat(fit.inverse().scale()).isCloseTo(0.9, within(1e-5));
        assertThat(Math.toDegrees(fit.inverse().rotation())).isCloseTo(17.0, within(1e-4));

        RgbImage chip = aligner.align(ramp(), inImage);
        assertThat(chip.width()).isEqualTo(150);
        for (int v = 0; v < 150; v += 7) {
            for (int u = 0; u < 150; u += 7) {
                Point src = chipToImage.apply(new Point(u, v));
                int rgb = chip.rgb(u, v);
                assertThat((double) (rgb >> 16 & 0xff)).isCloseTo(src.x(), within(0.51));
                assertThat((double) (rgb >> 8 & 0xff)).isCloseTo(src.y(), within(0.51));
                assertThat(rgb & 0xff).isEqualTo(7);
            }
        }
    }

    @Test
    void alignedLandmarksLandOnTheTemplate() {
        AlignmentTemplate template = AlignmentTemplate.DLIB_150.adjusted(1.1f, 0, 3);
        Landmarks detected = Landmarks.of(100, 120, 160, 118, 131, 150, 105, 180, 155, 182);
        SimilarityTransform t = new LandmarkAligner(template).transform(detected);
        // Five points cannot all be hit by a similarity, but each must be close for a face-like
        // layout; the eyes land within 3 px of their targets.
        Point leftEye = t.apply(detected.leftEye());
        assertThat(leftEye.distanceTo(template.landmarks().leftEye())).isLessThan(3f);
        Point rightEye = t.apply(detected.rightEye());
        assertThat(rightEye.distanceTo(template.landmarks().rightEye())).isLessThan(3f);
    }

    @Test
    void pixelsOutsideTheImageReplicateTheNearestEdge() {
        RgbImage image = ramp();
        // Put the face far off the top-left corner: every chip pixel samples outside.
        SimilarityTransform chipToImage = SimilarityTransform.of(1, 0, -500, -500);
        Landmarks inImage =
                Landmarks.of(
                        AlignmentTemplate.DLIB_150.landmarks().points().stream()
                                .map(chipToImage::apply)
                                .toList());
        RgbImage chip = new LandmarkAligner(AlignmentTemplate.DLIB_150).align(image, inImage);
        assertThat(chip.rgb(0, 0)).isEqualTo(image.rgb(0, 0));
        assertThat(chip.rgb(149, 149)).isEqualTo(image.rgb(0, 0));
    }

    @Test
    void boxCropCutsTheExpandedBoxAndResizes() {
        RgbImage image = ramp();
        DetectedFace face = face(new BoundingBox(100, 50, 40, 40));
        BoxCropper cropper = new BoxCropper(20, 10);
        RgbImage chip = cropper.crop(image, face);
        assertThat(chip.width()).isEqualTo(20);
        assertThat(chip.height()).isEqualTo(20);
        // The expanded box spans x in [90, 150): 60 px onto 20, so chip pixel u samples
        // x = 90 + (u + 0.5) * 3 - 0.5.
        assertThat(chip.rgb(0, 0) >> 16 & 0xff).isEqualTo(91);
        assertThat(chip.rgb(19, 0) >> 16 & 0xff).isEqualTo(148);
        assertThat(chip.rgb(0, 19) >> 8 & 0xff).isEqualTo(98);
    }

    @Test
    void templateAdjustmentScalesAboutTheCentreThenShifts() {
        AlignmentTemplate t =
                new AlignmentTemplate(
                        Landmarks.of(
                                List.of(
                                        new Point(75, 75),
                                        new Point(85, 75),
                                        new Point(75, 85),
                                        new Point(65, 75),
                                        new Point(75, 65))),
                        150);
        AlignmentTemplate a = t.adjusted(2f, 1, -3);
        assertThat(a.landmarks().points())
                .containsExactly(
                        new Point(76, 72),
                        new Point(96, 72),
                        new Point(76, 92),
                        new Point(56, 72),
                        new Point(76, 52));
        assertThat(t.resized(300).landmarks().leftEye()).isEqualTo(new Point(150, 150));
    }

    @Test
    void croppersRejectBadSizes() {
        assertThatThrownBy(() -> new BoxCropper(0, 0)).hasMessage("size must be > 0, got 0");
        assertThatThrownBy(() -> new BoxCropper(10, -1))
                .hasMessage("margin must be finite and >= 0, got -1.0");
        assertThatThrownBy(() -> AlignmentTemplate.DLIB_150.adjusted(0, 0, 0))
                .hasMessage("scale must be finite and > 0, got 0.0");
    }

    private static DetectedFace face(BoundingBox box) {
        return new DetectedFace(box, 0.99f, Landmarks.of(0, 0, 1, 0, 0.5f, 0.5f, 0, 1, 1, 1));
    }
}
