package dev.facekit.mtcnn;

/**
 * A face candidate between stages: corners {@code x1, y1, x2, y2} in pixels of the input image, a
 * score, and the regression (and, after O-Net, the landmarks) its net gave. Mutable scratch data of
 * one detection call; never shared between threads.
 */
final class Candidate {
    float x1;
    float y1;
    float x2;
    float y2;
    float score;

    /** Box regression {@code dx1, dy1, dx2, dy2} as fractions of the box size. */
    final float[] reg = new float[4];

    /** Landmarks {@code x1..x5, y1..y5} in image pixels, set after O-Net. */
    float[] landmarks;

    Candidate(float x1, float y1, float x2, float y2, float score) {
        this.x1 = x1;
        this.y1 = y1;
        this.x2 = x2;
        this.y2 = y2;
        this.score = score;
    }

    /** Makes the box a square of side {@code max(w, h)} around the same centre (w = x2 - x1). */
    void square() {
        float w = x2 - x1;
        float h = y2 - y1;
        float side = Math.max(w, h);
        x1 = x1 + w * 0.5f - side * 0.5f;
        y1 = y1 + h * 0.5f - side * 0.5f;
        x2 = x1 + side;
        y2 = y1 + side;
    }

    /** Applies the regression with the inclusive size {@code x2 - x1 + 1} of the R- and O-Net. */
    void regressInclusive() {
        float w = x2 - x1 + 1;
        float h = y2 - y1 + 1;
        float nx1 = x1 + reg[0] * w;
        float ny1 = y1 + reg[1] * h;
        float nx2 = x2 + reg[2] * w;
        float ny2 = y2 + reg[3] * h;
        x1 = nx1;
        y1 = ny1;
        x2 = nx2;
        y2 = ny2;
    }

    /** Applies the regression with the exclusive size {@code x2 - x1} of the P-Net cells. */
    void regressExclusive() {
        float w = x2 - x1;
        float h = y2 - y1;
        float nx1 = x1 + reg[0] * w;
        float ny1 = y1 + reg[1] * h;
        float nx2 = x2 + reg[2] * w;
        float ny2 = y2 + reg[3] * h;
        x1 = nx1;
        y1 = ny1;
        x2 = nx2;
        y2 = ny2;
    }
}
