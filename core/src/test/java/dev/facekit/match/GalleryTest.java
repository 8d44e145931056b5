package dev.facekit.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facekit.embed.Embedding;
import dev.facekit.embed.Metric;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GalleryTest {

    static Embedding random(Random rnd, String model, int dim, double scale) {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = (float) (rnd.nextGaussian() * scale);
        }
        return new Embedding(model, v);
    }

    /** Brute force over Embedding's own methods: each identity's best distance, sorted. */
    static List<Candidate> bruteForce(
            List<String> names, List<List<Embedding>> rows, Embedding q, int k, Metric metric) {
        List<Candidate> all = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Embedding best = null;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (Embedding e : rows.get(i)) {
                double d = metric.distance(q, e);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = e;
                }
            }
            all.add(new Candidate(names.get(i), metric, bestDistance, q.cosineSimilarity(best)));
        }
        all.sort(Comparator.comparingDouble(Candidate::distance));
        return all.subList(0, Math.min(k, all.size()));
    }

    @ParameterizedTest
    @CsvSource({
        "1, EUCLIDEAN, 3",
        "3, COSINE, 3",
        "7, COSINE, 5",
        "8, EUCLIDEAN, 5",
        "13, EUCLIDEAN, 1",
        "128, COSINE, 10",
        "128, EUCLIDEAN, 10",
        "2048, COSINE, 4",
        "128, COSINE, 70",
        "8, EUCLIDEAN, 100"
    })
    void searchEqualsBruteForceOverEveryEmbedding(int dim, Metric metric, int k) {
        Random rnd = new Random(dim * 31L + k);
        Gallery g = Gallery.create("m", dim, 1);
        List<String> names = new ArrayList<>();
        List<List<Embedding>> rows = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            names.add("id-" + i);
            rows.add(new ArrayList<>());
        }
        // Interleaved enrollment, several embeddings per identity, lengths from 0.5 to 3.
        for (int r = 0; r < 200; r++) {
            int id = rnd.nextInt(60);
            if (r < 60) {
                id = r;
            }
            Embedding e = random(rnd, "m", dim, 0.5 + 2.5 * rnd.nextDouble());
            g.add(names.get(id), e);
            rows.get(id).add(e);
        }

        for (int t = 0; t < 20; t++) {
            Embedding q = random(rnd, "m", dim, 1 + t);
            assertThat(g.search(q, k, metric)).isEqualTo(bruteForce(names, rows, q, k, metric));
        }
        assertThat(g.embeddingCount()).isEqualTo(200);
        assertThat(g.identities()).isEqualTo(names);
    }

    @Test
    void theScoreOfAnIdentityIsItsBestEmbedding() {
        Gallery g = Gallery.create("m", 2);
        g.add("a", new Embedding("m", new float[] {0, 1}), new Embedding("m", new float[] {1, 0}));
        g.add("b", new Embedding("m", new float[] {0.9f, 0.1f}));

        List<Candidate> c = g.search(new Embedding("m", new float[] {1, 0}), 5, Metric.EUCLIDEAN);

        assertThat(c).extracting(Candidate::identity).containsExactly("a", "b");
        assertThat(c.get(0).distance()).isEqualTo(0.0);
        assertThat(c.get(0).similarity()).isEqualTo(1.0);
        // As Embedding computes it: differences in float, squares summed in double.
        double dx = 1f - 0.9f;
        double dy = 0f - 0.1f;
        assertThat(c.get(1).distance()).isEqualTo(Math.sqrt(dx * dx + dy * dy));
    }

    @Test
    void tiesAreBrokenByEnrollmentOrder() {
        Gallery g = Gallery.create("m", 2);
        g.add("late", new Embedding("m", new float[] {0, 1}));
        g.add("early", new Embedding("m", new float[] {0, -1}));

        List<Candidate> c = g.search(new Embedding("m", new float[] {1, 0}), 2, Metric.COSINE);

        assertThat(c).extracting(Candidate::identity).containsExactly("late", "early");
        assertThat(c).extracting(Candidate::distance).containsExactly(1.0, 1.0);
    }

    @Test
    void euclideanSearchStaysExactForEmbeddingsFarFromTheOrigin() {
        // Norms about 1,130 (every component offset by 100): a search from |q|^2 + |x|^2 - 2 q.x
        // in float would misorder most of these; the squared differences do not.
        Random rnd = new Random(11);
        int dim = 128;
        Gallery g = Gallery.create("m", dim, 2000);
        List<String> names = new ArrayList<>();
        List<List<Embedding>> rows = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            float[] v = new float[dim];
            for (int c = 0; c < dim; c++) {
                v[c] = 100f + (float) rnd.nextGaussian();
            }
            Embedding e = new Embedding("m", v);
            names.add("id-" + i);
            rows.add(List.of(e));
            g.add("id-" + i, e);
        }
        for (int t = 0; t < 50; t++) {
            float[] v = new float[dim];
            for (int c = 0; c < dim; c++) {
                v[c] = 100f + (float) rnd.nextGaussian();
            }
            Embedding q = new Embedding("m", v);
            assertThat(g.search(q, 3, Metric.EUCLIDEAN))
                    .isEqualTo(bruteForce(names, rows, q, 3, Metric.EUCLIDEAN));
        }
    }

    @Test
    void distancesPastFloatsRangeStillComeBackRankedByTheirExactValue() {
        Gallery g = Gallery.create("m", 4);
        Embedding big = new Embedding("m", new float[] {1e20f, 1e20f, 1e20f, 1e20f});
        Embedding small = new Embedding("m", new float[] {1, 1, 1, 1});
        Embedding huge = new Embedding("m", new float[] {-3e20f, 0, 0, 0});
        g.add("big", big);
        g.add("small", small);
        g.add("huge", huge);

        List<Candidate> c = g.search(big, 5, Metric.EUCLIDEAN);

        // Squared distances of 4e40 and more overflow float; the exact ones are recomputed.
        assertThat(c).extracting(Candidate::identity).containsExactly("big", "small", "huge");
        assertThat(c.get(0).distance()).isEqualTo(0.0);
        assertThat(c.get(1).distance()).isEqualTo(Metric.EUCLIDEAN.distance(big, small));
    }

    @Test
    void theFirstAnswerDoesNotDependOnK() {
        // The same photo enrolled under two names: "second" holds it from row 1, "first" only
        // from row 2, so "second" wins the tie at every k, first place included.
        Gallery g = Gallery.create("m", 3);
        g.add("first", new Embedding("m", new float[] {0, 0, 1}));
        g.add("second", new Embedding("m", new float[] {1, 0, 0}));
        g.add("first", new Embedding("m", new float[] {1, 0, 0}));
        Embedding q = new Embedding("m", new float[] {1, 0, 0});

        for (Metric metric : Metric.values()) {
            assertThat(g.search(q, 1, metric))
                    .extracting(Candidate::identity)
                    .containsExactly("second");
            assertThat(g.search(q, 2, metric))
                    .extracting(Candidate::identity)
                    .containsExactly("second", "first");
            assertThat(g.search(q, 2, metric))
                    .extracting(Candidate::distance)
                    .containsExactly(0.0, 0.0);
        }
    }

    @Test
    void aLargeKEqualsBruteForceInOneRunOrSeveral() {
        Random rnd = new Random(21);
        int dim = 16;
        Gallery g = Gallery.create("m", dim, 3000);
        List<String> names = new ArrayList<>();
        List<List<Embedding>> rows = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            names.add("id-" + i);
            rows.add(new ArrayList<>());
        }
        for (int r = 0; r < 3000; r++) {
            int id = r < 1000 ? r : rnd.nextInt(1000);
            Embedding e = random(rnd, "m", dim, 0.5 + rnd.nextDouble());
            g.add(names.get(id), e);
            rows.get(id).add(e);
        }
        Gallery.Snapshot s = g.snapshot();
        for (int t = 0; t < 5; t++) {
            Embedding q = random(rnd, "m", dim, 1);
            for (Metric metric : Metric.values()) {
                List<Candidate> expected = bruteForce(names, rows, q, 300, metric);
                assertThat(g.search(q, 300, metric)).isEqualTo(expected);
                for (int parts : new int[] {2, 5}) {
                    assertThat(
                                    g.scan(s, q, metric, 300, Kernels.SELECTED, parts)
                                            .candidates(s, q, metric, "m"))
                            .as("%s in %d parts", metric, parts)
                            .isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void anEmptyGalleryFindsNothing() {
        Gallery g = Gallery.create("m", 3);

        assertThat(g.search(new Embedding("m", new float[] {1, 2, 3}), 4, Metric.COSINE)).isEmpty();
        assertThat(g.isEmpty()).isTrue();
        assertThat(g.identities()).isEmpty();
    }

    @Test
    void removeDeletesAllEmbeddingsOfOneIdentityAndKeepsTheOthersSearchable() {
        Random rnd = new Random(5);
        Gallery g = Gallery.create("m", 16, 2);
        List<Embedding> a = List.of(random(rnd, "m", 16, 1), random(rnd, "m", 16, 1));
        Embedding b = random(rnd, "m", 16, 1);
        Embedding c = random(rnd, "m", 16, 1);
        assertThat(g.add("a", a.get(0))).isEqualTo(1);
        assertThat(g.add("b", b)).isEqualTo(1);
        assertThat(g.add("a", a.get(1))).isEqualTo(2);
        assertThat(g.add("c", c)).isEqualTo(1);

        assertThat(g.remove("b")).isTrue();
        assertThat(g.remove("b")).isFalse();

        assertThat(g.identities()).containsExactly("a", "c");
        assertThat(g.embeddings("a")).isEqualTo(a);
        assertThat(g.embeddings("b")).isEmpty();
        assertThat(g.embeddingCount()).isEqualTo(3);
        assertThat(g.search(c, 1, Metric.COSINE).get(0).identity()).isEqualTo("c");
        assertThat(g.search(a.get(1), 1, Metric.EUCLIDEAN).get(0).identity()).isEqualTo("a");
        assertThat(g.add("b", b)).isEqualTo(1);
        assertThat(g.add("a", c)).isEqualTo(3);
        assertThat(g.identities()).containsExactly("a", "c", "b");
        assertThat(g.search(b, 1, Metric.EUCLIDEAN).get(0).distance()).isEqualTo(0.0);
    }

    @Test
    void growingByDoublingKeepsEveryEmbedding() {
        Random rnd = new Random(9);
        Gallery g = Gallery.create("m", 5, 0);
        List<Embedding> added = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Embedding e = random(rnd, "m", 5, 1);
            added.add(e);
            g.add("id-" + (i % 37), e);
        }
        for (int i = 0; i < 37; i++) {
            List<Embedding> expected = new ArrayList<>();
            for (int j = i; j < 1000; j += 37) {
                expected.add(added.get(j));
            }
            assertThat(g.embeddings("id-" + i)).isEqualTo(expected);
        }
        assertThat(g.size()).isEqualTo(37);
    }

    @Test
    void addRefusesWrongModelDimensionAndNamesAndAddsNothing() {
        Gallery g = Gallery.create("m", 2);
        Embedding ok = new Embedding("m", new float[] {1, 2});

        assertThatThrownBy(() -> g.add("a", ok, new Embedding("n", new float[] {1, 2})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "embedding 1 of 'a' is of model 'n' (2-d) but the gallery holds model"
                                + " 'm' (2-d)");
        assertThatThrownBy(() -> g.add("a", new Embedding("m", new float[] {1, 2, 3})))
                .hasMessage(
                        "embedding 0 of 'a' is of model 'm' (3-d) but the gallery holds model"
                                + " 'm' (2-d)");
        assertThatThrownBy(() -> g.add("a", ok, null))
                .hasMessage("embedding 1 of 'a' must not be null");
        assertThatThrownBy(() -> g.add("a", List.of()))
                .hasMessage("no embedding given for identity 'a'");
        assertThatThrownBy(() -> g.add(null, ok)).hasMessage("identity must not be null");
        assertThatThrownBy(() -> g.add("\t", ok)).hasMessage("identity must not be blank");
        assertThatThrownBy(() -> g.add("x".repeat(65536), ok))
                .hasMessageStartingWith("identity is longer than 65535 UTF-8 bytes: xxxx");
        assertThatThrownBy(() -> g.remove(null)).hasMessage("identity must not be null");
        assertThat(g.isEmpty()).isTrue();
        assertThat(g.add("x".repeat(65535), ok)).isEqualTo(1);
    }

    @Test
    void searchRefusesBadQueries() {
        Gallery g = Gallery.create("m", 2);
        Embedding q = new Embedding("m", new float[] {1, 2});

        assertThatThrownBy(() -> g.search(q, 0, Metric.COSINE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("k must be > 0, got 0");
        assertThatThrownBy(() -> g.search(q, 1, null)).hasMessage("metric must not be null");
        assertThatThrownBy(() -> g.search(null, 1, Metric.COSINE))
                .hasMessage("query must not be null");
        assertThatThrownBy(() -> g.search(new Embedding("n", new float[] {1, 2}), 1, Metric.COSINE))
                .hasMessage("query is of model 'n' (2-d) but the gallery holds model 'm' (2-d)");
    }

    @Test
    void nanAndZeroVectorsCannotReachAGallery() {
        // Embedding refuses them, so neither a gallery row nor a query can be NaN or zero.
        assertThatThrownBy(() -> new Embedding("m", new float[] {Float.NaN, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("embedding of m has non-finite component 0: NaN");
        assertThatThrownBy(() -> new Embedding("m", new float[] {0, 0}))
                .hasMessage("embedding of m is all zeros");
    }

    @Test
    void createRefusesBadArguments() {
        assertThatThrownBy(() -> Gallery.create(" ", 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("model name must not be blank");
        assertThatThrownBy(() -> Gallery.create("m", 0)).hasMessage("dimension must be > 0, got 0");
        assertThatThrownBy(() -> Gallery.create("m", 2, -1))
                .hasMessage("capacity must be >= 0, got -1");
    }

    @Test
    void replaceWithCopiesAnotherGalleryOfTheSameModel() {
        Gallery a = Gallery.create("m", 2);
        Gallery b = Gallery.create("m", 2);
        a.add("x", new Embedding("m", new float[] {1, 0}));
        b.add("y", new Embedding("m", new float[] {0, 1}));

        a.replaceWith(b);
        b.add("z", new Embedding("m", new float[] {1, 1}));
        a.add("w", new Embedding("m", new float[] {2, 1}));

        assertThat(a.identities()).containsExactly("y", "w");
        assertThat(b.identities()).containsExactly("y", "z");
        assertThat(b.embeddings("z")).containsExactly(new Embedding("m", new float[] {1, 1}));
        assertThatThrownBy(() -> a.replaceWith(Gallery.create("m", 3)))
                .hasMessage(
                        "cannot replace a gallery of model 'm' (2-d) with one of model 'm' (3-d)");
    }
}
