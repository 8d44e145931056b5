package dev.facekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheKeyTest {

    @Test
    void modelFingerprintFollowsTheGraphAndWeightIndexBytes(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("variables"));
        Files.write(dir.resolve("saved_model.pb"), new byte[] {1, 2, 3});
        Files.write(dir.resolve("variables/variables.index"), new byte[] {4, 5});
        String first = PairEvaluation.modelFingerprint(dir);

        assertThat(PairEvaluation.modelFingerprint(dir)).isEqualTo(first);

        Files.write(dir.resolve("variables/variables.index"), new byte[] {4, 6});
        String changedWeights = PairEvaluation.modelFingerprint(dir);
        assertThat(changedWeights).isNotEqualTo(first);

        Files.write(dir.resolve("saved_model.pb"), new byte[] {1, 2, 4});
        assertThat(PairEvaluation.modelFingerprint(dir)).isNotEqualTo(changedWeights);
    }

    @Test
    void bundledModelsHaveAFingerprintOfTheirOwn(@TempDir Path dir) throws Exception {
        String bundled = PairEvaluation.modelFingerprint(null);
        Files.createDirectories(dir.resolve("variables"));
        Files.write(dir.resolve("saved_model.pb"), new byte[0]);
        Files.write(dir.resolve("variables/variables.index"), new byte[0]);

        assertThat(bundled).isEqualTo(PairEvaluation.modelFingerprint(null));
        assertThat(bundled).isNotEqualTo(PairEvaluation.modelFingerprint(dir));
    }
}
