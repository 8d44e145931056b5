package dev.facekit.match;

import dev.facekit.embed.Embedding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * The child process of {@link GalleryKillTest}: saves generation after generation of a gallery to
 * one file, printing {@code ready} once it has read the file and {@code saved N} after each save
 * returns, until it is killed.
 */
public final class GallerySaveLoop {

    static final String MODEL = "kill-test";
    static final int DIMENSION = 64;
    static final int PEOPLE = 20000;

    private GallerySaveLoop() {}

    /**
     * Runs the loop.
     *
     * @param args the gallery file
     */
    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        long generation = Files.exists(file) ? generationOf(Gallery.load(file)) : 0;
        System.out.println("ready");
        System.out.flush();
        while (true) {
            generation++;
            generation(generation).save(file);
            System.out.println("saved " + generation);
            System.out.flush();
        }
    }

    /** Returns the gallery of one generation; every generation differs in every embedding. */
    static Gallery generation(long generation) {
        Random rnd = new Random(generation);
        Gallery g = Gallery.create(MODEL, DIMENSION, PEOPLE + 1);
        g.add("generation-" + generation, vector(rnd));
        for (int i = 0; i < PEOPLE; i++) {
            g.add("person-" + i, vector(rnd));
        }
        return g;
    }

    static long generationOf(Gallery g) {
        return Long.parseLong(g.identities().get(0).substring("generation-".length()));
    }

    private static Embedding vector(Random rnd) {
        float[] v = new float[DIMENSION];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextFloat() - 0.25f;
        }
        return new Embedding(MODEL, v);
    }
}
