package dev.facekit.examples;

import dev.facekit.image.RgbImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The sample photos bundled in this jar (resources under {@code dev/facekit/examples/samples/};
 * sources and licences in the project's {@code NOTICE}).
 *
 * <ul>
 *   <li>{@link #ASTRONAUT}: Eileen Collins, NASA portrait, public domain.
 *   <li>{@link #ASTRONAUT_VARIANT}: <b>not a second photo</b> but a mirrored, slightly turned,
 *       cropped and brightened copy of {@link #ASTRONAUT}. No public-domain photos of one person on
 *       two occasions were available, so the same-person examples use this copy.
 *   <li>{@link #GRACE_HOPPER}: Grace Hopper, U.S. Navy photograph, public domain.
 *   <li>{@link #CHELSEA}: a cat, CC0; a picture without a human face.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class Samples {

    /** Eileen Collins, NASA portrait, 512 x 512. */
    public static final String ASTRONAUT = "astronaut.jpg";

    /**
     * A transformed copy of {@link #ASTRONAUT} (mirrored, turned, cropped, brighter), 400 x 400.
     */
    public static final String ASTRONAUT_VARIANT = "astronaut-variant.jpg";

    /** Grace Hopper, U.S. Navy photograph, 512 x 600. */
    public static final String GRACE_HOPPER = "grace-hopper.jpg";

    /** A cat, no human face, 451 x 300. */
    public static final String CHELSEA = "chelsea.jpg";

    /** Every bundled sample, in the order above. */
    public static final List<String> ALL =
            List.of(ASTRONAUT, ASTRONAUT_VARIANT, GRACE_HOPPER, CHELSEA);

    private static final String FOLDER = "samples/";

    private Samples() {}

    /**
     * Decodes one bundled sample.
     *
     * @param name one of {@link #ALL}
     * @return the upright image
     * @throws IllegalArgumentException if there is no such sample
     */
    public static RgbImage read(String name) {
        try (InputStream in = open(name)) {
            return RgbImage.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sample " + name + ": " + e, e);
        }
    }

    /**
     * Copies one bundled sample into a folder, replacing a file of the same name.
     *
     * @param name one of {@link #ALL}
     * @param dir an existing folder
     * @return the written file, {@code dir/name}
     * @throws IllegalArgumentException if there is no such sample
     * @throws UncheckedIOException if the file cannot be written
     */
    public static Path copyTo(String name, Path dir) {
        Path file = dir.resolve(name);
        try (InputStream in = open(name)) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write sample " + file + ": " + e, e);
        }
    }

    private static InputStream open(String name) {
        InputStream in =
                ALL.contains(name) ? Samples.class.getResourceAsStream(FOLDER + name) : null;
        if (in == null) {
            throw new IllegalArgumentException(
                    "no bundled sample named '" + name + "'; the samples are " + ALL);
        }
        return in;
    }
}
