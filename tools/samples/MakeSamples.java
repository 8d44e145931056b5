import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Makes the sample photos bundled in the examples jar from the files of the Debian packages
 * python3-skimage and python-matplotlib-data (see make-samples.sh and NOTICE). Run with
 * {@code java MakeSamples.java SKIMAGE_DATA MPL_SAMPLE_DATA OUT_DIR}.
 */
public class MakeSamples {

    public static void main(String[] args) throws IOException {
        Path skimage = Path.of(args[0]);
        Path mpl = Path.of(args[1]);
        Path out = Path.of(args[2]);
        Files.createDirectories(out);

        BufferedImage astronaut = rgb(ImageIO.read(skimage.resolve("astronaut.png").toFile()));
        writeJpeg(astronaut, out.resolve("astronaut.jpg"));
        writeJpeg(variant(astronaut), out.resolve("astronaut-variant.jpg"));
        BufferedImage cat = rgb(ImageIO.read(skimage.resolve("chelsea.png").toFile()));
        writeJpeg(cat, out.resolve("chelsea.jpg"));
        // Grace Hopper is bundled byte for byte as the package ships it.
        Files.copy(mpl.resolve("grace_hopper.jpg"), out.resolve("grace-hopper.jpg"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * A transformed copy, not a second photo: mirrored, turned by 4 degrees, cropped closer to
     * the face, resized to 400 x 400 and made 12 % brighter.
     */
    static BufferedImage variant(BufferedImage src) {
        BufferedImage dst = new BufferedImage(400, 400, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = dst.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
                RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        AffineTransform t = new AffineTransform();
        // crop square (40, 0)-(440, 400) of the mirrored image, shown at 400 px
        double s = 400.0 / 400.0;
        t.scale(s, s);
        t.translate(-40, 0);
        t.rotate(Math.toRadians(4), 256, 200);
        t.translate(512, 0);
        t.scale(-1, 1);
        g.drawImage(src, t, null);
        g.dispose();
        for (int y = 0; y < dst.getHeight(); y++) {
            for (int x = 0; x < dst.getWidth(); x++) {
                int p = dst.getRGB(x, y);
                int r = Math.min(255, (int) Math.round(((p >> 16) & 255) * 1.12));
                int gg = Math.min(255, (int) Math.round(((p >> 8) & 255) * 1.12));
                int b = Math.min(255, (int) Math.round((p & 255) * 1.12));
                dst.setRGB(x, y, (r << 16) | (gg << 8) | b);
            }
        }
        return dst;
    }

    static BufferedImage rgb(BufferedImage src) {
        BufferedImage dst =
                new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = dst.createGraphics();
        g.drawImage(src, 0, 0, null);
        g.dispose();
        return dst;
    }

    static void writeJpeg(BufferedImage image, Path file) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.88f);
        Files.deleteIfExists(file);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }
}
