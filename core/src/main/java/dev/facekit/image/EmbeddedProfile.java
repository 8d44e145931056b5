package dev.facekit.image;

import com.twelvemonkeys.imageio.color.ColorProfiles;
import com.twelvemonkeys.imageio.color.ColorSpaces;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PNG's embedded ICC profile ({@code iCCP} chunk), which the JDK's PNG reader ignores: it returns
 * the samples as if they were sRGB. When the profile describes another RGB space (Adobe RGB,
 * Display P3, linear RGB, ...), this class tags the decoded raster with it, so that the converter's
 * colour-managed path turns it into sRGB.
 *
 * <p>Left as they are, and logged at DEBUG: sRGB profiles (nothing to do), gray profiles (gray
 * keeps its stored values, FaceKit's rule), palette images, and profiles that are unreadable or
 * inflate to more than {@link #MAX_PROFILE_BYTES} (a zip bomb guard).
 */
final class EmbeddedProfile {

    /** Real profiles are a few kilobytes to a few hundred; 4 MB is far beyond any of them. */
    static final int MAX_PROFILE_BYTES = 4 << 20;

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedProfile.class);

    private EmbeddedProfile() {}

    /**
     * Tags an RGB image with the profile of its {@code iCCP} chunk.
     *
     * @param image the decoded image
     * @param iccp the chunk's data (name, NUL, method, compressed profile), or {@code null}
     * @param source the input's name, for the log
     * @return the image with the profile's colour space, or {@code image} itself
     */
    static BufferedImage attach(BufferedImage image, byte[] iccp, String source) {
        ColorModel cm = image.getColorModel();
        if (iccp == null
                || !(cm instanceof ComponentColorModel)
                || cm.getNumColorComponents() != 3) {
            return image;
        }
        ICC_Profile profile = parse(iccp, source);
        if (profile == null
                || profile.getColorSpaceType() != ColorSpace.TYPE_RGB
                || ColorProfiles.isCS_sRGB(profile)) {
            return image;
        }
        LOG.debug("{}: converting from the embedded ICC profile to sRGB", source);
        ColorModel tagged =
                new ComponentColorModel(
                        ColorSpaces.createColorSpace(profile),
                        cm.getComponentSize(),
                        cm.hasAlpha(),
                        cm.isAlphaPremultiplied(),
                        cm.getTransparency(),
                        cm.getTransferType());
        return new BufferedImage(tagged, image.getRaster(), cm.isAlphaPremultiplied(), null);
    }

    /** Returns the profile, or {@code null} if it cannot be read. */
    private static ICC_Profile parse(byte[] iccp, String source) {
        int nul = 0;
        while (nul < iccp.length && nul < 80 && iccp[nul] != 0) {
            nul++;
        }
        if (nul + 2 > iccp.length || iccp[nul + 1] != 0) {
            LOG.debug("{}: iCCP chunk malformed, ignored", source);
            return null;
        }
        try {
            byte[] data = inflate(iccp, nul + 2);
            return data == null ? null : ColorProfiles.createProfile(data);
        } catch (DataFormatException | RuntimeException e) {
            LOG.debug("{}: ICC profile unreadable, ignored: {}", source, e.toString());
            return null;
        }
    }

    /** Inflates the zlib stream, or returns {@code null} past {@link #MAX_PROFILE_BYTES}. */
    private static byte[] inflate(byte[] b, int offset) throws DataFormatException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(b, offset, b.length - offset);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DataFormatException("zlib stream ends early");
                }
                out.write(buffer, 0, n);
                if (out.size() > MAX_PROFILE_BYTES) {
                    return null;
                }
            }
            return out.toByteArray();
        } finally {
            inflater.end();
        }
    }
}
