package dev.facekit.mtcnn;

/**
 * The settings of an {@link MtcnnDetector}; {@link #DEFAULTS} are those of the original MTCNN and
 * of the reference implementation FaceKit is checked against. Immutable and thread-safe; every
 * {@code withX} returns a validated copy.
 *
 * @param minFaceSize the smallest face side to find, in pixels of the input image, {@code > 0}; the
 *     first pyramid level scales the image by {@code 12 / minFaceSize}
 * @param scaleFactor the ratio between consecutive pyramid levels, in (0, 1)
 * @param minLevelSize the smallest pyramid level's shorter side in pixels, {@code >= 12} (the P-Net
 *     window); the pyramid stops before a level would be smaller
 * @param pnetThreshold P-Net face probability a window needs to become a candidate, in [0, 1] (kept
 *     when {@code >=})
 * @param rnetThreshold R-Net face probability a candidate needs to pass, in [0, 1] (kept when
 *     {@code >})
 * @param onetThreshold O-Net face probability a candidate needs to become a face, in [0, 1] (kept
 *     when {@code >})
 * @param levelNmsIou IoU above which P-Net candidates of one pyramid level suppress each other, in
 *     [0, 1]
 * @param pyramidNmsIou IoU above which P-Net candidates of all levels suppress each other, in [0,
 *     1]
 * @param rnetNmsIou IoU above which R-Net survivors suppress each other, in [0, 1]
 * @param onetNmsMinOverlap overlap (intersection over the smaller box) above which final faces
 *     suppress each other, in [0, 1]
 */
public record MtcnnOptions(
        float minFaceSize,
        float scaleFactor,
        float minLevelSize,
        float pnetThreshold,
        float rnetThreshold,
        float onetThreshold,
        float levelNmsIou,
        float pyramidNmsIou,
        float rnetNmsIou,
        float onetNmsMinOverlap) {

    /**
     * Minimum face 20 px, factor 0.709, level 12 px, thresholds 0.6/0.7/0.7, NMS 0.5/0.7/0.7/0.7.
     */
    public static final MtcnnOptions DEFAULTS =
            new MtcnnOptions(20f, 0.709f, 12f, 0.6f, 0.7f, 0.7f, 0.5f, 0.7f, 0.7f, 0.7f);

    /** Validates every field; the message names the field and the bad value. */
    public MtcnnOptions {
        if (!(minFaceSize > 0f) || Float.isInfinite(minFaceSize)) {
            throw new IllegalArgumentException(
                    "minFaceSize must be a finite number > 0, got " + minFaceSize);
        }
        if (!(scaleFactor > 0f && scaleFactor < 1f)) {
            throw new IllegalArgumentException("scaleFactor must be in (0, 1), got " + scaleFactor);
        }
        if (!(minLevelSize >= 12f) || Float.isInfinite(minLevelSize)) {
            throw new IllegalArgumentException(
                    "minLevelSize must be a finite number >= 12, got " + minLevelSize);
        }
        unit("pnetThreshold", pnetThreshold);
        unit("rnetThreshold", rnetThreshold);
        unit("onetThreshold", onetThreshold);
        unit("levelNmsIou", levelNmsIou);
        unit("pyramidNmsIou", pyramidNmsIou);
        unit("rnetNmsIou", rnetNmsIou);
        unit("onetNmsMinOverlap", onetNmsMinOverlap);
    }

    private static void unit(String name, float v) {
        if (!(v >= 0f && v <= 1f)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + v);
        }
    }

    /**
     * Returns a copy with another minimum face size.
     *
     * @param px the smallest face side in pixels, {@code > 0}
     * @return the copy
     */
    public MtcnnOptions withMinFaceSize(float px) {
        return new MtcnnOptions(
                px,
                scaleFactor,
                minLevelSize,
                pnetThreshold,
                rnetThreshold,
                onetThreshold,
                levelNmsIou,
                pyramidNmsIou,
                rnetNmsIou,
                onetNmsMinOverlap);
    }

    /**
     * Returns a copy with another pyramid factor.
     *
     * @param factor the ratio between consecutive levels, in (0, 1)
     * @return the copy
     */
    public MtcnnOptions withScaleFactor(float factor) {
        return new MtcnnOptions(
                minFaceSize,
                factor,
                minLevelSize,
                pnetThreshold,
                rnetThreshold,
                onetThreshold,
                levelNmsIou,
                pyramidNmsIou,
                rnetNmsIou,
                onetNmsMinOverlap);
    }

    /**
     * Returns a copy with another smallest pyramid level.
     *
     * @param px the smallest level's shorter side, {@code >= 12}
     * @return the copy
     */
    public MtcnnOptions withMinLevelSize(float px) {
        return new MtcnnOptions(
                minFaceSize,
                scaleFactor,
                px,
                pnetThreshold,
                rnetThreshold,
                onetThreshold,
                levelNmsIou,
                pyramidNmsIou,
                rnetNmsIou,
                onetNmsMinOverlap);
    }

    /**
     * Returns a copy with other stage thresholds.
     *
     * @param pnet P-Net threshold, in [0, 1]
     * @param rnet R-Net threshold, in [0, 1]
     * @param onet O-Net threshold, in [0, 1]
     * @return the copy
     */
    public MtcnnOptions withThresholds(float pnet, float rnet, float onet) {
        return new MtcnnOptions(
                minFaceSize,
                scaleFactor,
                minLevelSize,
                pnet,
                rnet,
                onet,
                levelNmsIou,
                pyramidNmsIou,
                rnetNmsIou,
                onetNmsMinOverlap);
    }

    /**
     * Returns a copy with other NMS overlaps.
     *
     * @param level IoU within one pyramid level, in [0, 1]
     * @param pyramid IoU across pyramid levels, in [0, 1]
     * @param rnet IoU after R-Net, in [0, 1]
     * @param onetMin overlap over the smaller box after O-Net, in [0, 1]
     * @return the copy
     */
    public MtcnnOptions withNms(float level, float pyramid, float rnet, float onetMin) {
        return new MtcnnOptions(
                minFaceSize,
                scaleFactor,
                minLevelSize,
                pnetThreshold,
                rnetThreshold,
                onetThreshold,
                level,
                pyramid,
                rnet,
                onetMin);
    }
}
