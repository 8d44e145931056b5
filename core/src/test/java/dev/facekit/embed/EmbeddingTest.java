package dev.facekit.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EmbeddingTest {

    @Test
    void cosineAndEuclideanOfKnownVectors() {
        Embedding a = new Embedding("m", new float[] {3, 4});
        Embedding b = new Embedding("m", new float[] {4, 3});
        // cos = (12 + 12) / 25 = 0.96; |a - b| = sqrt(2).
        assertThat(a.cosineSimilarity(b)).isCloseTo(0.96, within(1e-9));
        assertThat(a.cosineDistance(b)).isCloseTo(0.04, within(1e-9));
        assertThat(a.euclideanDistance(b)).isCloseTo(Math.sqrt(2), within(1e-9));
        assertThat(Metric.COSINE.distance(a, b)).isCloseTo(0.04, within(1e-9));
        assertThat(Metric.EUCLIDEAN.distance(a, b)).isCloseTo(Math.sqrt(2), within(1e-9));
        assertThat(a.norm()).isEqualTo(5.0);
    }

    @Test
    void normalizedHasUnitNormAndSameDirection() {
        Embedding a = new Embedding("m", new float[] {3, 4});
        Embedding n = a.normalized();
        assertThat(n.vector()).containsExactly(0.6f, 0.8f);
        assertThat(n.norm()).isCloseTo(1.0, within(1e-7));
        assertThat(n.normalized()).isSameAs(n);
        assertThat(n.cosineSimilarity(a)).isCloseTo(1.0, within(1e-7));
    }

    @Test
    void vectorIsCopiedInAndOut() {
        float[] v = {1, 2};
        Embedding a = new Embedding("m", v);
        v[0] = 9;
        assertThat(a.get(0)).isEqualTo(1f);
        a.vector()[1] = 9;
        assertThat(a.get(1)).isEqualTo(2f);
        assertThat(a).isEqualTo(new Embedding("m", new float[] {1, 2}));
        assertThat(a).isNotEqualTo(new Embedding("other", new float[] {1, 2}));
    }

    @Test
    void thresholdDecidesOnTheDistance() {
        Embedding a = new Embedding("m", new float[] {3, 4});
        Embedding b = new Embedding("m", new float[] {4, 3});
        assertThat(new Threshold(Metric.COSINE, 0.05, "test").matches(a, b)).isTrue();
        assertThat(new Threshold(Metric.COSINE, 0.03, "test").matches(a, b)).isFalse();
        assertThat(new Threshold(Metric.EUCLIDEAN, 1.0, "test").matches(a, b)).isFalse();
    }

    @Test
    void rejectsNaNInfinityZeroAndEmptyVectors() {
        assertThatThrownBy(() -> new Embedding("m", new float[] {1, Float.NaN}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("embedding of m has non-finite component 1: NaN");
        assertThatThrownBy(() -> new Embedding("m", new float[] {Float.NEGATIVE_INFINITY}))
                .hasMessage("embedding of m has non-finite component 0: -Infinity");
        assertThatThrownBy(() -> new Embedding("m", new float[] {0, 0}))
                .hasMessage("embedding of m is all zeros");
        assertThatThrownBy(() -> new Embedding("m", new float[0]))
                .hasMessage("embedding of m is empty");
        assertThatThrownBy(() -> new Embedding(" ", new float[] {1}))
                .hasMessage("model name must not be blank");
    }

    @Test
    void comparingDifferentModelsOrDimensionsIsAnError() {
        Embedding a = new Embedding("m", new float[] {1, 2});
        assertThatThrownBy(() -> a.cosineSimilarity(new Embedding("n", new float[] {1, 2})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot compare embeddings of different models: m vs n");
        assertThatThrownBy(() -> a.euclideanDistance(new Embedding("m", new float[] {1, 2, 3})))
                .hasMessage("cannot compare embeddings of different dimensions: 2 vs 3");
        assertThatThrownBy(() -> new Threshold(Metric.COSINE, Double.NaN, "x"))
                .hasMessage("threshold distance must be finite and >= 0, got NaN");
    }
}
