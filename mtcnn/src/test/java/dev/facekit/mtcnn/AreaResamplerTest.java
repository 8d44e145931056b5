package dev.facekit.mtcnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AreaResamplerTest {

    /** A gray ramp: pixel (x, y) has value {@code v[y * w + x]} in all three channels. */
    private static byte[] gray(int... v) {
        byte[] rgb = new byte[3 * v.length];
        for (int i = 0; i < v.length; i++) {
            rgb[3 * i] = (byte) v[i];
            rgb[3 * i + 1] = (byte) v[i];
            rgb[3 * i + 2] = (byte) (255 - v[i]);
        }
        return rgb;
    }

    private static float[] red(float[] rgb) {
        float[] r = new float[rgb.length / 3];
        for (int i = 0; i < r.length; i++) {
            r[i] = rgb[3 * i];
        }
        return r;
    }

    @Test
    void halvingAveragesDisjointBlocks() {
        // 4x2 image -> 2x1: means of the two 2x2 blocks.
        AreaResampler a = new AreaResampler(gray(0, 10, 20, 30, 40, 50, 60, 255), 4, 2);
        float[] out = new float[6];
        a.resample(0, 0, 4, 2, 2, 1, out, 0);
        assertThat(red(out)).containsExactly(25f, 91.25f);
        assertThat(out[2]).isEqualTo(255 - 25f);
    }

    @Test
    void nonIntegerRatiosUseOverlappingWindows() {
        // 3 -> 2 columns: windows [0, 2) and [1, 3).
        AreaResampler a = new AreaResampler(gray(0, 90, 30), 3, 1);
        float[] out = new float[6];
        a.resample(0, 0, 3, 1, 2, 1, out, 0);
        assertThat(red(out)).containsExactly(45f, 60f);
    }

    @Test
    void enlargingRepeatsPixels() {
        // 2 -> 3 columns: windows [0, 1), [0, 2), [1, 2).
        AreaResampler a = new AreaResampler(gray(10, 20), 2, 1);
        float[] out = new float[9];
        a.resample(0, 0, 2, 1, 3, 1, out, 0);
        assertThat(red(out)).containsExactly(10f, 15f, 20f);
    }

    @Test
    void regionsAreCutBeforeResamplingAndWrittenAtTheOffset() {
        // 3x3, region (1, 1) 2x2 -> 1x1 = mean of 40, 50, 70, 80.
        AreaResampler a = new AreaResampler(gray(0, 10, 20, 30, 40, 50, 60, 70, 80), 3, 3);
        float[] out = new float[6];
        a.resample(1, 1, 2, 2, 1, 1, out, 3);
        assertThat(out[3]).isEqualTo(60f);
        assertThat(out[0]).isZero();
    }

    @Test
    void regionOutsideTheImageIsRefused() {
        AreaResampler a = new AreaResampler(gray(1, 2, 3, 4), 2, 2);
        assertThatThrownBy(() -> a.resample(1, 0, 2, 1, 1, 1, new float[3], 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside 2x2");
    }
}
