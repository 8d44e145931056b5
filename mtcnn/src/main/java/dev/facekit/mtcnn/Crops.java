package dev.facekit.mtcnn;

import java.util.ArrayList;
import java.util.List;

/**
 * The square crops of a stage: for each candidate, the part of its box inside the image, cut with
 * the reference's integer rule and area-resampled to {@code size x size}, all in one batch.
 */
final class Crops {

    /** The candidates that gave a crop, in batch order. */
    final List<Candidate> boxes;

    /** {@code [boxes.size(), size, size, 3]} RGB in [0, 255]. */
    final float[] pixels;

    private Crops(List<Candidate> boxes, float[] pixels) {
        this.boxes = boxes;
        this.pixels = pixels;
    }

    /**
     * Cuts the crops. The corners are truncated to integers and limited to the image with the
     * one-based rule of the original code ({@code x1, y1 >= 1}, {@code x2 <= width}, {@code y2 <=
     * height}); the crop covers columns {@code [x1 - 1, x2)} and rows {@code [y1 - 1, y2)}, so a
     * box that sticks out of the image is cut to its inside part and stretched to the full crop.
     * Candidates whose inside part is empty are dropped.
     */
    static Crops cut(AreaResampler area, int w, int h, List<Candidate> in, int size) {
        List<Candidate> kept = new ArrayList<>(in.size());
        List<int[]> regions = new ArrayList<>(in.size());
        for (Candidate c : in) {
            int x = Math.max(1, (int) c.x1);
            int y = Math.max(1, (int) c.y1);
            int ex = Math.min(w, (int) c.x2);
            int ey = Math.min(h, (int) c.y2);
            if (ex > x - 1 && ey > y - 1 && x - 1 < w && y - 1 < h) {
                kept.add(c);
                regions.add(new int[] {x - 1, y - 1, ex - x + 1, ey - y + 1});
            }
        }
        int stride = size * size * 3;
        float[] pixels = new float[kept.size() * stride];
        for (int i = 0; i < kept.size(); i++) {
            int[] r = regions.get(i);
            area.resample(r[0], r[1], r[2], r[3], size, size, pixels, i * stride);
        }
        return new Crops(kept, pixels);
    }
}
