package dev.facekit.image;

/**
 * Where a GIF's first frame lies on its logical screen, when it does not fill it. Viewers draw the
 * frame at its offset on an empty (transparent) screen; FaceKit does the same, with the decoder's
 * background for the empty part.
 *
 * @param canvasWidth the logical screen's width, widened to hold the frame if it sticks out
 * @param canvasHeight the logical screen's height, likewise
 * @param left the frame's left edge on the screen
 * @param top the frame's top edge on the screen
 */
record FramePlacement(int canvasWidth, int canvasHeight, int left, int top) {

    /**
     * Draws the frame on a canvas filled with the background.
     *
     * @param frame the decoded frame
     * @param background the colour ({@code 0xRRGGBB}) of the rest of the canvas
     * @return the canvas
     */
    RgbImage place(RgbImage frame, int background) {
        RgbImage canvas = RgbImage.filled(canvasWidth, canvasHeight, background);
        byte[] out = canvas.toRgbBytesShared();
        byte[] in = frame.toRgbBytesShared();
        int rows = Math.min(frame.height(), canvasHeight - top);
        int rowBytes = 3 * Math.min(frame.width(), canvasWidth - left); // clipped, to be safe
        for (int y = 0; y < rows; y++) {
            int from = 3 * y * frame.width();
            int to = 3 * ((top + y) * canvasWidth + left);
            System.arraycopy(in, from, out, to, rowBytes);
        }
        return canvas;
    }
}
