package dev.facekit.vggface.convert;

import static dev.facekit.vggface.convert.ModelRunner.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A weight file written by h5py and libhdf5 exactly as Keras writes them (fixed-length string
 * attributes, nested groups for names with {@code /}, empty groups for weightless layers), made by
 * {@code make_h5py_fixture.py} next to it: the converter reads it and the result matches the
 * reference block by block. This covers what files written with jhdf's writer cannot show.
 */
class H5pyFixtureTest {

    @Test
    void h5pyWrittenSenetFileConvertsAndMatchesTheReference(@TempDir Path dir) throws Exception {
        Path h5 = dir.resolve("senet50_w16_notop_h5py.h5");
        try (InputStream in =
                new GZIPInputStream(
                        getClass().getResourceAsStream("senet50_w16_notop_h5py.h5.gz"))) {
            Files.copy(in, h5);
        }
        NetworkSpec spec = new NetworkSpec(Architecture.SENET50, 16, 8631);

        ConvertedModel model = VggFaceConverter.convert(spec, h5, dir.resolve("model"), null, true);

        SyntheticWeights weights = SyntheticWeights.sine(Architecture.SENET50, 16, 8631, false);
        float[] input = ModelRunner.randomInput(99);
        Map<String, float[]> expected = new ReferenceNetwork(weights).run(input);
        List<String> names = new ArrayList<>(expected.keySet());
        Map<String, float[]> actual = ModelRunner.run(model.directory(), input, names);
        assertThat(model.includeTop()).isFalse();
        assertThat(names).contains("conv1", "conv5_3", "embedding");
        for (String name : names) {
            assertClose(name, actual.get(name), expected.get(name), 1e-4);
        }
    }
}
