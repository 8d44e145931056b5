package dev.facekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facekit.image.RgbImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One image that the heap or the models cannot take is reported in its place; the run goes on. */
class InputsProcessTest {

    @TempDir Path dir;

    @Test
    void outOfMemoryAndRefusedImagesAreReportedAndTheNextImageIsProcessed() throws Exception {
        Path png = dir.resolve("a.png");
        ImageIO.write(RgbImage.filled(8, 6, 0x102030).toBufferedImage(), "png", png.toFile());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        OutputOptions options = new OutputOptions();
        options.json = true;
        Reporter reporter =
                new Reporter(new PrintWriter(out), new PrintWriter(err), "facekit detect", options);
        List<String> seen = new ArrayList<>();

        boolean first =
                Inputs.process(
                        png,
                        reporter,
                        image -> {
                            throw new OutOfMemoryError("Java heap space");
                        });
        boolean second =
                Inputs.process(
                        png,
                        reporter,
                        image -> {
                            throw new IllegalArgumentException("first pyramid level too large");
                        });
        boolean third =
                Inputs.process(
                        png, reporter, image -> seen.add(image.width() + "x" + image.height()));

        assertThat(first).isFalse();
        assertThat(second).isFalse();
        assertThat(third).isTrue();
        assertThat(seen).containsExactly("8x6");
        assertThat(reporter.exitCode()).isEqualTo(3);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            lines.add(new ObjectMapper().readTree(line));
        }
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).get("error").get("type").asText()).isEqualTo("OUT_OF_MEMORY");
        assertThat(lines.get(0).get("error").get("message").asText())
                .startsWith("not enough Java heap for this image (maximum ")
                .endsWith(
                        "MB); run java with a larger -Xmx, for example java -Xmx4g -jar facekit.jar ...");
        assertThat(lines.get(1).get("error").get("type").asText()).isEqualTo("INVALID_INPUT");
        assertThat(lines.get(1).get("error").get("message").asText())
                .isEqualTo("first pyramid level too large");
        assertThat(err.toString().split("\n"))
                .hasSize(2)
                .allSatisfy(l -> assertThat(l).startsWith("facekit detect: " + png + ": "));
    }
}
