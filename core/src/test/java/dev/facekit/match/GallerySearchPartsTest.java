package dev.facekit.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facekit.embed.Embedding;
import dev.facekit.embed.Metric;
import dev.facekit.match.Kernels.DotKernel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A search split over several runs of rows gives exactly what one scan gives, ties included. */
class GallerySearchPartsTest {

    private static List<DotKernel> kernels() {
        List<DotKernel> all =
                new ArrayList<>(List.of(new Kernels.ScalarFma(), new Kernels.ScalarPlain()));
        DotKernel vector = Kernels.vectorKernel();
        if (vector != null) {
            all.add(vector);
        }
        return all;
    }

    @ParameterizedTest
    @CsvSource({"COSINE, 1", "COSINE, 5", "COSINE, 40", "EUCLIDEAN, 1", "EUCLIDEAN, 7"})
    void everySplitAndKernelRanksLikeOneScan(Metric metric, int k) {
        Random rnd = new Random(17L * k + metric.ordinal());
        int dim = 24;
        Gallery g = Gallery.create("m", dim, 1);
        List<Embedding> pool = new ArrayList<>();
        for (int r = 0; r < 1500; r++) {
            Embedding e;
            if (r > 10 && rnd.nextInt(4) == 0) {
                // An exact copy of an earlier row, often under another identity: exact ties.
                e = pool.get(rnd.nextInt(pool.size()));
            } else {
                e = GalleryTest.random(rnd, "m", dim, 0.5 + rnd.nextDouble());
            }
            pool.add(e);
            g.add("id-" + rnd.nextInt(300), e);
        }
        Gallery.Snapshot s = g.snapshot();
        for (int t = 0; t < 12; t++) {
            // Half the queries are gallery rows, so the best scores tie between identities.
            Embedding q =
                    t % 2 == 0
                            ? pool.get(rnd.nextInt(pool.size()))
                            : GalleryTest.random(rnd, "m", dim, 1);
            for (DotKernel kernel : kernels()) {
                List<Candidate> one =
                        g.scan(s, q, metric, k, kernel, 1).candidates(s, q, metric, "m");
                assertThat(one).hasSize(k);
                for (int parts : new int[] {2, 3, 7, 64}) {
                    List<Candidate> split =
                            g.scan(s, q, metric, k, kernel, parts).candidates(s, q, metric, "m");
                    assertThat(split)
                            .as("%s in %d parts, query %d", kernel.name(), parts, t)
                            .isEqualTo(one);
                }
            }
        }
    }

    @Test
    void theMergeKeepsTheEarlierRowOfTiedIdentitiesAcrossParts() {
        // Identities a, b, c hold the same vector in rows 0, 1 and 2; every split must keep a and
        // b.
        Gallery g = Gallery.create("m", 2);
        Embedding v = new Embedding("m", new float[] {3, 4});
        g.add("a", v);
        g.add("b", v);
        g.add("c", v);
        Gallery.Snapshot s = g.snapshot();
        for (int parts = 1; parts <= 3; parts++) {
            List<Candidate> c =
                    g.scan(s, v, Metric.COSINE, 2, Kernels.SELECTED, parts)
                            .candidates(s, v, Metric.COSINE, "m");
            assertThat(c)
                    .as("%d parts", parts)
                    .extracting(Candidate::identity)
                    .containsExactly("a", "b");
        }
    }

    @Test
    void largeGalleriesAreSplitByCoresAndSize() {
        assertThat(Gallery.parts(1000, 128, 2)).isEqualTo(1);
        assertThat(Gallery.parts(8192, 128, 2)).isEqualTo(1);
        assertThat(Gallery.parts(16384, 128, 2)).isEqualTo(2);
        assertThat(Gallery.parts(1_000_000, 128, 2)).isEqualTo(2);
        assertThat(Gallery.parts(1_000_000, 128, 1)).isEqualTo(1);
        assertThat(Gallery.parts(1_000_000, 2048, 64)).isEqualTo(64);
        assertThat(Gallery.parts(1_048_571, 2048, Integer.MAX_VALUE)).isEqualTo(2047);
    }

    @Test
    void aSearchLargeEnoughToBeSplitEqualsBruteForce() {
        Random rnd = new Random(3);
        int dim = 128;
        int n = 20_000; // 2.56 M floats: two parts on two cores or more
        Gallery g = Gallery.create("m", dim, n);
        List<String> names = new ArrayList<>();
        List<List<Embedding>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Embedding e = GalleryTest.random(rnd, "m", dim, 1);
            names.add("id-" + i);
            rows.add(List.of(e));
            g.add("id-" + i, e);
        }
        for (int t = 0; t < 5; t++) {
            Embedding q = GalleryTest.random(rnd, "m", dim, 1);
            for (Metric metric : Metric.values()) {
                assertThat(g.search(q, 8, metric))
                        .isEqualTo(GalleryTest.bruteForce(names, rows, q, 8, metric));
            }
        }
    }
}
