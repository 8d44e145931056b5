package dev.facekit.cli;

import dev.facekit.detect.DetectedFace;
import dev.facekit.embed.Threshold;
import dev.facekit.examples.FaceDrawing;
import dev.facekit.examples.Samples;
import dev.facekit.image.RgbImage;
import dev.facekit.match.Candidate;
import dev.facekit.match.FaceIdentification;
import dev.facekit.match.FaceMatcher;
import dev.facekit.match.Gallery;
import dev.facekit.match.Verification;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code facekit demo}: the whole library on the bundled sample photos, in plain words. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Shows what FaceKit does on the sample photos bundled in the jar: detects faces and "
                    + "writes annotated pictures, verifies a same-person and a different-person "
                    + "pair, and identifies a face against a small gallery.",
            "Everything it writes goes to --out (default: ./facekit-demo)."
        })
final class DemoCommand extends BaseCommand {

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "facekit-demo",
            description =
                    "Folder for the samples, pictures and gallery (default: ${DEFAULT-VALUE}).")
    Path out;

    private Reporter reporter;

    @Override
    public Integer call() throws IOException {
        if (output.json) {
            throw Options.usage(
                    spec,
                    "demo has no JSON output (it explains itself in text); the commands it"
                            + " runs take --json");
        }
        reporter = reporter();
        Files.createDirectories(out);
        for (String name : Samples.ALL) {
            Samples.copyTo(name, out);
        }
        say("FaceKit demo: the sample photos are in " + out + " (sources and licences: NOTICE).");
        say("Loading the MTCNN face detector and the compact 128-d face embedder...");
        try (Pipeline pipeline = Pipeline.open(models(), 20, null)) {
            Threshold threshold = pipeline.embedder().defaultThreshold();
            detectAll(pipeline);
            try (FaceMatcher matcher = pipeline.matcher(threshold, null)) {
                verifyPairs(matcher);
                identify(pipeline, matcher);
            }
        }
        say("");
        String tool = toolCommand();
        say("Try it on your own photos:");
        say("  " + tool + " detect --annotate out/ photo.jpg");
        say("  " + tool + " verify a.jpg b.jpg");
        say("  " + tool + " identify --gallery " + galleryFile() + " photo.jpg");
        return ExitCodes.OK;
    }

    private void detectAll(Pipeline pipeline) {
        say("");
        say("1. Detecting faces");
        for (String name : Samples.ALL) {
            RgbImage image = Samples.read(name);
            List<DetectedFace> faces = pipeline.detect(image);
            Path picture = out.resolve(Names.stem(Path.of(name)) + "-faces.png");
            FaceDrawing.writePng(image, faces, picture);
            say(
                    String.format(
                            Locale.ROOT,
                            "   %-22s %s found; %s in %s",
                            name,
                            Names.count(faces.size(), "face"),
                            faces.isEmpty() ? "picture copied" : "boxes and landmarks drawn",
                            picture));
            for (DetectedFace f : faces) {
                say("   " + " ".repeat(23) + Names.describe(f));
            }
        }
    }

    private void verifyPairs(FaceMatcher matcher) {
        Threshold t = matcher.threshold();
        say("");
        say(
                String.format(
                        Locale.ROOT,
                        "2. Verifying pairs (same person when the %s distance is <= %.4f)",
                        t.metric().name().toLowerCase(Locale.ROOT),
                        t.distance()));
        say(
                "   Note: "
                        + Samples.ASTRONAUT_VARIANT
                        + " is not a second photo but a mirrored, turned, cropped and brightened");
        say(
                "   copy of "
                        + Samples.ASTRONAUT
                        + ": no public-domain photos of one person on two occasions were at hand.");
        verify(
                matcher,
                Samples.ASTRONAUT,
                Samples.ASTRONAUT_VARIANT,
                "the same person: a transformed copy of one photo");
        verify(matcher, Samples.ASTRONAUT, Samples.GRACE_HOPPER, "two different people");
    }

    private void verify(FaceMatcher matcher, String a, String b, String truth) {
        Verification v = matcher.verify(Samples.read(a), Samples.read(b));
        if (v.comparison().isEmpty()) {
            say("   " + a + " vs " + b + ": cannot decide, " + v.reason());
            return;
        }
        String verdict = v.match() ? "same person" : "different people";
        say(
                String.format(
                        Locale.ROOT,
                        "   %s vs %s: distance %.4f -> %s (they are %s)",
                        a,
                        b,
                        v.distance().getAsDouble(),
                        verdict,
                        truth));
    }

    private void identify(Pipeline pipeline, FaceMatcher matcher) {
        say("");
        say("3. Identifying against a gallery");
        matcher.enroll("Eileen Collins", Samples.read(Samples.ASTRONAUT));
        matcher.enroll("Grace Hopper", Samples.read(Samples.GRACE_HOPPER));
        Gallery gallery = matcher.gallery();
        gallery.save(galleryFile());
        say(
                "   Enrolled Eileen Collins ("
                        + Samples.ASTRONAUT
                        + ") and Grace Hopper ("
                        + Samples.GRACE_HOPPER
                        + "); gallery saved as "
                        + galleryFile());
        for (String name : List.of(Samples.ASTRONAUT_VARIANT, Samples.CHELSEA)) {
            List<FaceIdentification> faces = matcher.identify(Samples.read(name), 2);
            if (faces.isEmpty()) {
                say("   " + name + ": no face, nobody to identify");
            }
            for (FaceIdentification f : faces) {
                Candidate best = f.best().orElseThrow();
                say(
                        String.format(
                                Locale.ROOT,
                                "   %s: %s (closest: %s at distance %.4f)",
                                name,
                                f.identity().map(id -> "identified as " + id).orElse("unknown"),
                                best.identity(),
                                best.distance()));
            }
        }
    }

    /** "java -jar PATH" with the path of the running jar, relative when it is below here. */
    static String toolCommand() {
        try {
            Path jar =
                    Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (jar.getFileName().toString().endsWith(".jar")) {
                Path here = Path.of("").toAbsolutePath();
                Path shown = jar.startsWith(here) ? here.relativize(jar) : jar;
                return "java -jar " + shown;
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall through to the documented location
        }
        return "java -jar examples/target/facekit.jar";
    }

    private Path galleryFile() {
        return out.resolve("demo.gallery");
    }

    private void say(String line) {
        reporter.text(line);
    }
}
