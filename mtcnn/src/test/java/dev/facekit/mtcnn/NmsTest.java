package dev.facekit.mtcnn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NmsTest {

    @Test
    void unionKeepsTheBestOfOverlappingBoxesAndDisjointOnes() {
        Candidate a = new Candidate(0, 0, 10, 10, 0.8f);
        Candidate b = new Candidate(1, 0, 11, 10, 0.9f); // IoU with a = 90 / 110
        Candidate c = new Candidate(20, 20, 30, 30, 0.5f);
        assertThat(Nms.union(List.of(a, b, c), 0.5f)).containsExactly(b, c);
        assertThat(Nms.union(List.of(a, b, c), 0.9f)).containsExactly(b, a, c);
    }

    @Test
    void unionKeepsABoxWhoseIouEqualsTheThreshold() {
        Candidate a = new Candidate(0, 0, 10, 10, 0.9f);
        Candidate b = new Candidate(0, 0, 10, 5, 0.8f); // IoU 0.5 exactly
        assertThat(Nms.union(List.of(a, b), 0.5f)).containsExactly(a, b);
        assertThat(Nms.union(List.of(a, b), 0.49f)).containsExactly(a);
    }

    @Test
    void minOverlapSuppressesABoxInsideABiggerOne() {
        Candidate big = new Candidate(0, 0, 99, 99, 0.9f);
        Candidate inner = new Candidate(10, 10, 29, 29, 0.95f); // inside: overlap 1 by "min"
        assertThat(Nms.min(List.of(big, inner), 0.7f)).containsExactly(inner);
        // By IoU the two barely overlap, so both stay.
        assertThat(Nms.union(List.of(big, inner), 0.7f)).containsExactly(inner, big);
    }

    @Test
    void minUsesInclusiveAreas() {
        // Inclusive areas 2x2 = 4 each, intersection 1x2 = 2: overlap 0.5.
        Candidate a = new Candidate(0, 0, 1, 1, 0.9f);
        Candidate b = new Candidate(1, 0, 2, 1, 0.8f);
        assertThat(Nms.min(List.of(a, b), 0.5f)).containsExactly(a, b);
        assertThat(Nms.min(List.of(a, b), 0.49f)).containsExactly(a);
    }

    @Test
    void emptyInputGivesEmptyOutput() {
        assertThat(Nms.union(List.of(), 0.5f)).isEmpty();
        assertThat(Nms.min(List.of(), 0.5f)).isEmpty();
    }
}
