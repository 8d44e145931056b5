package dev.facekit.mtcnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MtcnnOptionsTest {

    @Test
    void defaultsAreTheReferenceSettings() {
        MtcnnOptions d = MtcnnOptions.DEFAULTS;
        assertThat(d.minFaceSize()).isEqualTo(20f);
        assertThat(d.scaleFactor()).isEqualTo(0.709f);
        assertThat(d.minLevelSize()).isEqualTo(12f);
        assertThat(new float[] {d.pnetThreshold(), d.rnetThreshold(), d.onetThreshold()})
                .containsExactly(0.6f, 0.7f, 0.7f);
        assertThat(
                        new float[] {
                            d.levelNmsIou(),
                            d.pyramidNmsIou(),
                            d.rnetNmsIou(),
                            d.onetNmsMinOverlap()
                        })
                .containsExactly(0.5f, 0.7f, 0.7f, 0.7f);
    }

    @Test
    void withCopiesChangeOnlyTheirField() {
        MtcnnOptions o = MtcnnOptions.DEFAULTS.withMinFaceSize(40f);
        assertThat(o.minFaceSize()).isEqualTo(40f);
        assertThat(o.withMinFaceSize(20f)).isEqualTo(MtcnnOptions.DEFAULTS);
        assertThat(MtcnnOptions.DEFAULTS.withScaleFactor(0.5f).scaleFactor()).isEqualTo(0.5f);
        assertThat(MtcnnOptions.DEFAULTS.withMinLevelSize(24f).minLevelSize()).isEqualTo(24f);
        MtcnnOptions t = MtcnnOptions.DEFAULTS.withThresholds(0.1f, 0.2f, 0.3f);
        assertThat(new float[] {t.pnetThreshold(), t.rnetThreshold(), t.onetThreshold()})
                .containsExactly(0.1f, 0.2f, 0.3f);
        MtcnnOptions n = MtcnnOptions.DEFAULTS.withNms(0.1f, 0.2f, 0.3f, 0.4f);
        assertThat(new float[] {n.levelNmsIou(), n.pyramidNmsIou(), n.rnetNmsIou()})
                .containsExactly(0.1f, 0.2f, 0.3f);
        assertThat(n.onetNmsMinOverlap()).isEqualTo(0.4f);
        assertThat(n.minFaceSize()).isEqualTo(20f);
    }

    @Test
    void invalidValuesNameTheFieldAndTheValue() {
        MtcnnOptions d = MtcnnOptions.DEFAULTS;
        assertThatThrownBy(() -> d.withMinFaceSize(0f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("minFaceSize must be a finite number > 0, got 0.0");
        assertThatThrownBy(() -> d.withMinFaceSize(Float.NaN)).hasMessageContaining("minFaceSize");
        assertThatThrownBy(() -> d.withMinFaceSize(Float.POSITIVE_INFINITY))
                .hasMessageContaining("minFaceSize");
        assertThatThrownBy(() -> d.withScaleFactor(1f))
                .hasMessage("scaleFactor must be in (0, 1), got 1.0");
        assertThatThrownBy(() -> d.withScaleFactor(0f)).hasMessageContaining("scaleFactor");
        assertThatThrownBy(() -> d.withMinLevelSize(11.9f))
                .hasMessage("minLevelSize must be a finite number >= 12, got 11.9");
        assertThatThrownBy(() -> d.withThresholds(0.6f, 1.5f, 0.7f))
                .hasMessage("rnetThreshold must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> d.withThresholds(-0.1f, 0.7f, 0.7f))
                .hasMessage("pnetThreshold must be in [0, 1], got -0.1");
        assertThatThrownBy(() -> d.withNms(0.5f, 0.7f, 0.7f, Float.NaN))
                .hasMessage("onetNmsMinOverlap must be in [0, 1], got NaN");
    }
}
