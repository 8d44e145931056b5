package dev.facekit.benchmarks;

import dev.facekit.embed.Embedding;

/**
 * A small, fast, seeded generator (xorshift64*) for filling large benchmark galleries; {@link
 * java.util.Random} would take minutes for a billion floats.
 */
final class RandomVectors {

    private long state;

    RandomVectors(long seed) {
        state = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
    }

    /** Returns a float uniform in [-1, 1). */
    float nextFloat() {
        state ^= state >>> 12;
        state ^= state << 25;
        state ^= state >>> 27;
        long r = state * 0x2545F4914F6CDD1DL;
        return ((r >>> 40) / (float) (1 << 24)) * 2f - 1f;
    }

    /** Returns a random direction as a unit-length embedding. */
    Embedding unit(String model, int dimension) {
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            v[i] = nextFloat();
        }
        return new Embedding(model, v).normalized();
    }
}
