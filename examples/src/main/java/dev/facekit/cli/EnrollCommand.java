package dev.facekit.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facekit.detect.DetectedFace;
import dev.facekit.match.Gallery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code facekit enroll}: adds people to a gallery file. */
@Command(
        name = "enroll",
        mixinStandardHelpOptions = true,
        description = {
            "Adds people to a gallery file, creating it when absent: FOLDER holds one subfolder "
                    + "per identity (the subfolder's name), each with photos of that person "
                    + "(also in deeper folders, which still count for that identity).",
            "The primary face of each photo is enrolled; a photo without a face is reported and "
                    + "skipped. An identity already in the gallery keeps its embeddings and gets "
                    + "the new ones as well: enrolling the same photos twice adds them twice.",
            "Runs that enroll into the same gallery file at the same time take turns (a lock "
                    + "on FILE.lock), so none loses the others' people."
        })
final class EnrollCommand extends BaseCommand {

    @Option(
            names = "--gallery",
            paramLabel = "FILE",
            required = true,
            description = "The gallery file to add to (created when absent).")
    Path gallery;

    @Mixin ModelOptions modelOptions = new ModelOptions();

    @Parameters(
            paramLabel = "FOLDER",
            description = "A folder with one subfolder of photos per identity.")
    Path folder;

    @Override
    public Integer call() {
        Options.requireFolder(spec, "FOLDER", folder);
        modelOptions.detector.check(spec);
        List<Path> people = subfolders(folder);
        if (people.isEmpty()) {
            throw Options.usage(spec, folder + " has no subfolder (one per identity)");
        }
        Reporter reporter = reporter();
        warnLoosePhotos(reporter, folder);
        try (Pipeline pipeline =
                        Pipeline.open(models(), modelOptions.minFace(), modelOptions.model);
                GalleryLock lock = GalleryLock.acquire(gallery)) {
            Gallery g =
                    Files.exists(gallery)
                            ? Galleries.load(gallery, pipeline.embedder())
                            : Gallery.create(
                                    pipeline.embedder().modelName(),
                                    pipeline.embedder().dimension());
            int added = enrollAll(reporter, pipeline, g, people);
            g.save(gallery);
            summary(reporter, g, added);
        }
        return reporter.exitCode();
    }

    private int enrollAll(Reporter reporter, Pipeline pipeline, Gallery g, List<Path> people) {
        // The identity is the first-level subfolder, whatever depth a photo sits at below it.
        List<Path> photos = new ArrayList<>();
        List<String> identities = new ArrayList<>();
        for (Path person : people) {
            for (Path photo : Inputs.imagesIn(person)) {
                photos.add(photo);
                identities.add(person.getFileName().toString());
            }
        }
        int added = 0;
        try (Progress progress = reporter.progress(photos.size())) {
            for (int i = 0; i < photos.size(); i++) {
                progress.update(i);
                if (enrollOne(reporter, pipeline, g, photos.get(i), identities.get(i))) {
                    added++;
                }
            }
            progress.update(photos.size());
        }
        return added;
    }

    private static boolean enrollOne(
            Reporter reporter, Pipeline pipeline, Gallery g, Path photo, String identity) {
        boolean[] added = {false};
        Inputs.process(
                photo,
                reporter,
                image -> {
                    Optional<DetectedFace> face = Pipeline.primary(image, pipeline.detect(image));
                    if (face.isEmpty()) {
                        reporter.inputFailed(photo.toString(), "NO_FACE", "no face found", null);
                        return;
                    }
                    g.add(identity, pipeline.embed(image, face.get()).embedding());
                    enrolled(reporter, photo, identity, face.get());
                    added[0] = true;
                });
        return added[0];
    }

    /** Photos directly in FOLDER belong to no identity: say so rather than skip them silently. */
    private static void warnLoosePhotos(Reporter reporter, Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            long loose = entries.filter(Files::isRegularFile).filter(Inputs::isImageName).count();
            if (loose > 0) {
                reporter.warn(
                        dir
                                + ": "
                                + Names.count((int) loose, "photo")
                                + " directly in the folder skipped: put each person's photos in"
                                + " a subfolder named after them");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void enrolled(Reporter reporter, Path photo, String identity, DetectedFace f) {
        if (reporter.json()) {
            ObjectNode node = Json.object();
            node.put("image", photo.toString());
            node.put("identity", identity);
            node.set("box", Json.box(f.box()));
            reporter.print(node);
        } else {
            reporter.text(photo + ": enrolled as " + identity + " (" + Names.box(f.box()) + ")");
        }
    }

    private void summary(Reporter reporter, Gallery g, int added) {
        if (reporter.json()) {
            ObjectNode node = Json.object();
            node.put("gallery", gallery.toString());
            node.put("model", g.model());
            node.put("identities", g.size());
            node.put("embeddings", g.embeddingCount());
            node.put("added", added);
            reporter.print(node);
        } else {
            reporter.text(
                    String.format(
                            Locale.ROOT,
                            "%s: %s, %s (%d added), model %s",
                            gallery,
                            Names.count(g.size(), "identity", "identities"),
                            Names.count(g.embeddingCount(), "embedding"),
                            added,
                            g.model()));
        }
    }

    private static List<Path> subfolders(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
