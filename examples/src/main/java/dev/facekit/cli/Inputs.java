package dev.facekit.cli;

import dev.facekit.image.ImageDecodeException;
import dev.facekit.image.RgbImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** Expands the image arguments of a command and reads them, reporting each failure. */
final class Inputs {

    /** File name endings taken as images when a folder is given. */
    static final Set<String> IMAGE_ENDINGS =
            Set.of(".jpg", ".jpeg", ".png", ".bmp", ".gif", ".tif", ".tiff", ".webp");

    private Inputs() {}

    /**
     * Expands the arguments: a file stays as it is (whatever its name), a folder becomes the image
     * files below it (by name ending, sorted by path). A folder without any, and paths that do not
     * exist, are kept in their place, so that {@link #read} reports them ({@code NO_IMAGES}, {@code
     * NOT_FOUND}) in input order.
     */
    static List<Path> expand(List<Path> args, Reporter reporter) {
        List<Path> out = new ArrayList<>();
        for (Path arg : args) {
            if (Files.isDirectory(arg)) {
                List<Path> images = imagesIn(arg);
                if (images.isEmpty()) {
                    out.add(arg);
                }
                out.addAll(images);
            } else {
                out.add(arg);
            }
        }
        return out;
    }

    /** Returns the image files below a folder, sorted by path. */
    static List<Path> imagesIn(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(Inputs::isImageName).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list folder " + dir + ": " + e.getMessage(), e);
        }
    }

    static boolean isImageName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot >= 0 && IMAGE_ENDINGS.contains(name.substring(dot));
    }

    /**
     * Decodes one image, or reports why it cannot be read (error type {@code NOT_FOUND} or the
     * decoder's reason, such as {@code UNKNOWN_FORMAT}) and returns empty.
     */
    static Optional<RgbImage> read(Path file, Reporter reporter) {
        String name = file.toString();
        if (!Files.exists(file)) {
            reporter.inputFailed(name, "NOT_FOUND", "no such file", null);
            return Optional.empty();
        }
        if (Files.isDirectory(file)) {
            if (imagesIn(file).isEmpty()) {
                reporter.inputFailed(name, "NO_IMAGES", "folder holds no image files", null);
            } else {
                reporter.inputFailed(name, "NOT_A_FILE", "is a folder, not an image", null);
            }
            return Optional.empty();
        }
        try {
            return Optional.of(RgbImage.read(file));
        } catch (ImageDecodeException e) {
            reporter.inputFailed(name, e.reason().name(), detail(e, name), e);
            return Optional.empty();
        }
    }

    /**
     * Decodes one image and hands it to {@code work}; reports, instead of stopping the run, an
     * image that cannot be read (as {@link #read}), one for which the heap is too small (error type
     * {@code OUT_OF_MEMORY}: the large arrays of the failed image are garbage once the error is
     * caught, so the next image starts afresh), and one the models refuse with an {@link
     * IllegalArgumentException} (type {@code INVALID_INPUT}, such as a first pyramid level over the
     * detector's limit because {@code --min-face} is tiny for the image's size).
     *
     * @return whether {@code work} ran to its end
     */
    static boolean process(Path file, Reporter reporter, Consumer<RgbImage> work) {
        String name = file.toString();
        try {
            Optional<RgbImage> image = read(file, reporter);
            if (image.isEmpty()) {
                return false;
            }
            work.accept(image.get());
            return true;
        } catch (OutOfMemoryError e) {
            reporter.inputFailed(
                    name,
                    "OUT_OF_MEMORY",
                    "not enough Java heap for this image (maximum "
                            + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                            + " MB); run java with a larger -Xmx, for example java -Xmx4g -jar"
                            + " facekit.jar ...",
                    e);
            return false;
        } catch (IllegalArgumentException e) {
            reporter.inputFailed(name, "INVALID_INPUT", String.valueOf(e.getMessage()), e);
            return false;
        }
    }

    /**
     * {@link #process} for every file in turn, with a progress line over them (on a terminal).
     *
     * @param work what to do with each decoded image, given its file
     */
    static void processAll(List<Path> files, Reporter reporter, BiConsumer<Path, RgbImage> work) {
        try (Progress progress = reporter.progress(files.size())) {
            int done = 0;
            for (Path file : files) {
                progress.update(done++);
                process(file, reporter, image -> work.accept(file, image));
            }
            progress.update(done);
        }
    }

    /** The decoder's message without the leading "source: " it repeats. */
    static String detail(ImageDecodeException e, String name) {
        String message = String.valueOf(e.getMessage());
        String prefix = e.source() + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
