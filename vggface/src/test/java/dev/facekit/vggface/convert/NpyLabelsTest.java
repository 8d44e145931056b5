package dev.facekit.vggface.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyLabelsTest {

    @Test
    void readsUnicodeLabelsAndStripsTheirSpaces(@TempDir Path dir) throws Exception {
        Path f =
                Npy.write(
                        dir.resolve("l.npy"),
                        List.of(" A.J._Buckley", " Zoë_Saldaña", " n000002"),
                        true);

        assertThat(NpyLabels.read(f)).containsExactly("A.J._Buckley", "Zoë_Saldaña", "n000002");
    }

    @Test
    void readsByteStringLabelsAsUtf8(@TempDir Path dir) throws Exception {
        Path f = Npy.write(dir.resolve("l.npy"), List.of("n000001", "Zoë", "x"), false);

        assertThat(NpyLabels.read(f)).containsExactly("n000001", "Zoë", "x");
    }

    @Test
    void refusesPickledObjectArrays(@TempDir Path dir) throws Exception {
        Path f =
                Npy.writeRaw(
                        dir.resolve("l.npy"),
                        "{'descr': '|O', 'fortran_order': False, 'shape': (2,), }",
                        new byte[16]);

        assertThatThrownBy(() -> NpyLabels.read(f))
                .isInstanceOf(WeightsFileException.class)
                .hasMessageContaining("found dtype '|O' (pickled objects, not supported)");
    }

    @Test
    void refusesTwoDimensionalArrays(@TempDir Path dir) throws Exception {
        Path f =
                Npy.writeRaw(
                        dir.resolve("l.npy"),
                        "{'descr': '<U2', 'fortran_order': False, 'shape': (2, 1), }",
                        new byte[16]);

        assertThatThrownBy(() -> NpyLabels.read(f))
                .isInstanceOf(WeightsFileException.class)
                .hasMessageContaining("must be a 1-D array, found shape (2, 1)");
    }

    @Test
    void refusesTruncatedData(@TempDir Path dir) throws Exception {
        Path f =
                Npy.writeRaw(
                        dir.resolve("l.npy"),
                        "{'descr': '<U2', 'fortran_order': False, 'shape': (3,), }",
                        new byte[20]);

        assertThatThrownBy(() -> NpyLabels.read(f))
                .isInstanceOf(WeightsFileException.class)
                .hasMessageContaining(
                        "truncated: 3 labels of 8 bytes need 24 bytes after the header, found 20");
    }

    @Test
    void refusesFilesThatAreNotNpy(@TempDir Path dir) throws Exception {
        Path f = java.nio.file.Files.writeString(dir.resolve("l.npy"), "A.J._Buckley\nAaron\n");

        assertThatThrownBy(() -> NpyLabels.read(f))
                .isInstanceOf(WeightsFileException.class)
                .hasMessageContaining("not a .npy file");
    }
}
