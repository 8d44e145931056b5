package dev.facekit.image;

import java.awt.image.BufferedImage;

/**
 * The colour probe every decoder test decodes: 64 x 48 pixels, four flat quadrants of distinct
 * colours over a 16-row horizontal gradient. The quadrants are 32 x 16 and the gradient starts at
 * row 32, so every edge falls on a JPEG block (and chroma MCU) boundary; the four corners differ,
 * so each of the eight orientations gives a different picture.
 */
final class Probe {

    static final int WIDTH = 64;
    static final int HEIGHT = 48;

    static final int TOP_LEFT = 0xE6281E; // red
    static final int TOP_RIGHT = 0x28C846; // green
    static final int BOTTOM_LEFT = 0x1E3CDC; // blue
    static final int BOTTOM_RIGHT = 0xF0DC28; // yellow

    private Probe() {}

    /** Returns the probe's colour at a pixel, as {@code 0xRRGGBB}. */
    static int rgb(int x, int y) {
        if (y >= 32) {
            return (4 * x) << 16 | (255 - 4 * x) << 8 | 128;
        }
        if (y < 16) {
            return x < 32 ? TOP_LEFT : TOP_RIGHT;
        }
        return x < 32 ? BOTTOM_LEFT : BOTTOM_RIGHT;
    }

    /** Returns the probe as the decoder should return it. */
    static RgbImage expected() {
        byte[] px = new byte[3 * WIDTH * HEIGHT];
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                int c = rgb(x, y);
                int i = 3 * (y * WIDTH + x);
                px[i] = (byte) (c >> 16);
                px[i + 1] = (byte) (c >> 8);
                px[i + 2] = (byte) c;
            }
        }
        return RgbImage.ofRgb(WIDTH, HEIGHT, px);
    }

    /** Returns the probe as a {@link BufferedImage} of the given RGB type, for the writers. */
    static BufferedImage buffered(int type) {
        return toBuffered(expected(), type);
    }

    /** Copies an image into a {@link BufferedImage} of the given RGB type. */
    static BufferedImage toBuffered(RgbImage image, int type) {
        BufferedImage out = new BufferedImage(image.width(), image.height(), type);
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                out.setRGB(x, y, 0xFF000000 | image.rgb(x, y));
            }
        }
        return out;
    }
}
