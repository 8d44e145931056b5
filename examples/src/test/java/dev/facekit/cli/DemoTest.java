package dev.facekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facekit.match.Gallery;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo end to end with the real bundled models, as a new user runs it. */
class DemoTest {

    @TempDir Path dir;

    @Test
    void demoDetectsVerifiesAndIdentifiesOnTheBundledSamples() {
        Path out = dir.resolve("facekit-demo");

        Cli.Run run = Cli.run(new BundledModels(), "demo", "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("astronaut.jpg          1 face found")
                .contains("grace-hopper.jpg       1 face found")
                .contains("chelsea.jpg            no face found")
                .contains("is not a second photo but a mirrored, turned, cropped and brightened")
                .containsPattern(
                        "astronaut.jpg vs astronaut-variant.jpg: distance 0\\.\\d+ -> same person")
                .containsPattern(
                        "astronaut.jpg vs grace-hopper.jpg: distance \\d\\.\\d+ -> different people")
                .contains("astronaut-variant.jpg: identified as Eileen Collins")
                .contains("chelsea.jpg: no face, nobody to identify");
        assertThat(out.resolve("astronaut-faces.png")).exists();
        assertThat(out.resolve("chelsea-faces.png")).exists();
        assertThat(Gallery.load(out.resolve("demo.gallery")).identities())
                .containsExactlyInAnyOrder("Eileen Collins", "Grace Hopper");
    }

    @Test
    void demoRefusesJsonInsteadOfIgnoringIt() {
        Cli.Run run = Cli.run("demo", "--json", "--out", dir.resolve("d").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains(
                        "demo has no JSON output (it explains itself in text); the commands it"
                                + " runs take --json");
        assertThat(dir.resolve("d")).doesNotExist();
    }

    @Test
    void realDetectJsonOnABundledSampleHasOneConfidentFace() {
        Path photo = dev.facekit.examples.Samples.copyTo("astronaut.jpg", dir);

        Cli.Run run = Cli.run(new BundledModels(), "detect", "--json", photo.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().get(0).get("faces")).hasSize(1);
        assertThat(run.json().get(0).get("faces").get(0).get("confidence").asDouble())
                .isGreaterThan(0.99);
    }
}
