package dev.facekit.image;

/**
 * CMYK test values: the usual RGB-to-CMYK separation, and the plain conversion back ({@code R =
 * (255 - C) * (255 - K) / 255}) that a reader without a CMYK colour profile uses.
 */
final class Cmyk {

    private Cmyk() {}

    /** Separates each pixel: K = 255 - max(R, G, B), then C, M, Y relative to 255 - K. */
    static int[][] of(RgbImage rgb) {
        int[][] out = new int[rgb.width() * rgb.height()][];
        for (int y = 0; y < rgb.height(); y++) {
            for (int x = 0; x < rgb.width(); x++) {
                int c = rgb.rgb(x, y);
                int r = c >> 16 & 0xFF;
                int g = c >> 8 & 0xFF;
                int b = c & 0xFF;
                int k = 255 - Math.max(r, Math.max(g, b));
                int white = 255 - k;
                out[y * rgb.width() + x] =
                        white == 0
                                ? new int[] {0, 0, 0, 255}
                                : new int[] {
                                    Math.round(255f * (white - r) / white),
                                    Math.round(255f * (white - g) / white),
                                    Math.round(255f * (white - b) / white),
                                    k
                                };
            }
        }
        return out;
    }

    /** The plain conversion back to RGB. */
    static RgbImage naiveRgb(int[][] cmyk, int width, int height) {
        byte[] px = new byte[3 * width * height];
        for (int i = 0; i < cmyk.length; i++) {
            int k = cmyk[i][3];
            for (int c = 0; c < 3; c++) {
                px[3 * i + c] = (byte) Math.round((255 - cmyk[i][c]) * (255 - k) / 255f);
            }
        }
        return RgbImage.ofRgb(width, height, px);
    }
}
