package dev.facekit.internal.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facekit.model.ModelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

class SavedModelHandleTest {

    /** Exports y = x * w + b with w and b as variables, the way the model generators do. */
    static void exportAffine(Path dir) throws Exception {
        try (Graph g = new Graph();
                Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> x =
                    tf.withName("x")
                            .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 2)));
            var w = tf.withName("w").variable(tf.constant(new float[] {2f, 3f}));
            var b = tf.withName("b").variable(tf.constant(new float[] {0.5f, -1f}));
            var y = tf.withName("y").math.add(tf.math.mul(x, w), b);
            s.initialize();
            Signature sig =
                    Signature.builder().key("serving_default").input("x", x).output("y", y).build();
            SavedModelBundle.exporter(dir.toString())
                    .withFunction(SessionFunction.create(sig, s))
                    .export();
        }
    }

    @Test
    void loadsExportedModelWithVariablesAndRunsIt(@TempDir Path dir) throws Exception {
        exportAffine(dir);
        assertThat(dir.resolve("variables/variables.index")).exists();

        try (SavedModelHandle h = SavedModelHandle.load(dir)) {
            float[] out =
                    h.run(
                            b -> {
                                try (TFloat32 in =
                                                TFloat32.tensorOf(
                                                        Shape.of(1, 2),
                                                        d ->
                                                                d.setFloat(1f, 0, 0)
                                                                        .setFloat(2f, 0, 1));
                                        Result r =
                                                b.function("serving_default")
                                                        .call(Map.of("x", in))) {
                                    TFloat32 y = (TFloat32) r.get("y").orElseThrow();
                                    return new float[] {y.getFloat(0, 0), y.getFloat(0, 1)};
                                }
                            });
            assertThat(out).containsExactly(2.5f, 5f);
            assertThat(h.signature("serving_default").inputNames()).containsExactly("x");
        }
    }

    @Test
    void refusesWorkAfterCloseAndClosesTwiceQuietly(@TempDir Path dir) throws Exception {
        exportAffine(dir);
        SavedModelHandle h = SavedModelHandle.load(dir);
        h.close();
        h.close();
        assertThat(h.isClosed()).isTrue();
        assertThatThrownBy(() -> h.run(b -> 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is closed");
    }

    @Test
    void missingSignatureNamesTheModelAndTheKeysFound(@TempDir Path dir) throws Exception {
        exportAffine(dir);
        try (SavedModelHandle h = SavedModelHandle.load(dir)) {
            assertThatThrownBy(() -> h.signature("nope"))
                    .isInstanceOf(ModelException.class)
                    .hasMessageContaining("no signature 'nope'")
                    .hasMessageContaining("serving_default");
        }
    }

    @Test
    void directoryWithoutSavedModelIsAModelException(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("readme.txt"), "not a model");
        assertThatThrownBy(() -> SavedModelHandle.load(dir))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("no saved_model.pb");
    }

    @Test
    void missingResourceIsAModelException() {
        assertThatThrownBy(() -> SavedModelHandle.loadResource(getClass(), "/no/such/model"))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("/no/such/model/saved_model.pb not found");
    }
}
