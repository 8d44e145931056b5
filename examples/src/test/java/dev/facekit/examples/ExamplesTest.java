package dev.facekit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facekit.detect.DetectedFace;
import dev.facekit.geometry.Point;
import dev.facekit.image.RgbImage;
import dev.facekit.match.FaceIdentification;
import dev.facekit.match.Gallery;
import dev.facekit.match.Verification;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs every example program on the bundled samples with the real bundled models. */
class ExamplesTest {

    @TempDir Path dir;

    @Test
    void everySampleIsBundledAndDecodes() {
        assertThat(Samples.read(Samples.ASTRONAUT).width()).isEqualTo(512);
        assertThat(Samples.read(Samples.ASTRONAUT_VARIANT).width()).isEqualTo(400);
        assertThat(Samples.read(Samples.GRACE_HOPPER).height()).isEqualTo(600);
        assertThat(Samples.read(Samples.CHELSEA).width()).isEqualTo(451);
        assertThatThrownBy(() -> Samples.read("lena.png"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no bundled sample named 'lena.png'");
    }

    @Test
    void detectAndDrawFindsTheAstronautsFaceAndDrawsIt() throws IOException {
        Path png = dir.resolve("faces.png");

        List<DetectedFace> faces =
                DetectAndDraw.detectAndDraw(Samples.read(Samples.ASTRONAUT), png);

        assertThat(faces).hasSize(1);
        DetectedFace face = faces.get(0);
        assertThat(face.confidence()).isGreaterThan(0.99f);
        // Eileen Collins' face lies in the upper middle of the 512 x 512 portrait
        assertThat(face.box().contains(new Point(225, 120))).isTrue();
        assertThat(face.box().width()).isBetween(60f, 140f);
        BufferedImage picture = ImageIO.read(png.toFile());
        assertThat(picture.getWidth()).isEqualTo(512);
        assertThat(picture.getRGB((int) face.box().x(), (int) face.box().centerY()) & 0xFFFFFF)
                .isEqualTo(0xFFC800);
    }

    @Test
    void extractFaceGivesAnAlignedChipAndNothingForACat() {
        RgbImage chip = ExtractFace.extract(Samples.read(Samples.GRACE_HOPPER)).orElseThrow();

        assertThat(chip.width()).isEqualTo(150);
        assertThat(chip.height()).isEqualTo(150);
        assertThat(ExtractFace.extract(Samples.read(Samples.CHELSEA))).isEmpty();
    }

    @Test
    void verifyTwoPhotosTellsTheSamePersonFromAnother() {
        Verification same =
                VerifyTwoPhotos.verify(
                        Samples.read(Samples.ASTRONAUT), Samples.read(Samples.ASTRONAUT_VARIANT));
        Verification different =
                VerifyTwoPhotos.verify(
                        Samples.read(Samples.ASTRONAUT), Samples.read(Samples.GRACE_HOPPER));

        assertThat(same.match()).isTrue();
        assertThat(same.distance().getAsDouble()).isLessThan(0.4);
        assertThat(different.match()).isFalse();
        assertThat(different.distance().getAsDouble()).isGreaterThan(0.6);
    }

    @Test
    void identifyAgainstGalleryFindsEileenCollinsAndSavesTheGallery() {
        Path file = dir.resolve("people.gallery");

        List<FaceIdentification> faces =
                IdentifyAgainstGallery.identify(Samples.read(Samples.ASTRONAUT_VARIANT), file);

        assertThat(faces).hasSize(1);
        assertThat(faces.get(0).identity()).contains("Eileen Collins");
        assertThat(faces.get(0).candidates()).hasSize(2);
        assertThat(Gallery.load(file).identities())
                .containsExactlyInAnyOrder("Eileen Collins", "Grace Hopper");
    }
}
