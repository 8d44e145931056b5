package dev.facekit.vggface.convert;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a one-dimensional numpy ({@code .npy}) array of strings, the format of keras-vggface's
 * label files ({@code rcmalli_vggface_labels_v1.npy}, {@code _v2.npy}).
 *
 * <p>The format: the magic {@code \x93NUMPY}, a major and minor version, the header length (2 bytes
 * little-endian in version 1, 4 bytes in versions 2 and 3), a Python dict literal header ({@code
 * {'descr': '<U30', 'fortran_order': False, 'shape': (2622,), }}), then the elements, each of a
 * fixed width: {@code U<n>} is n UTF-32 code points (byte order from the descr), {@code S<n>} is n
 * bytes, read as UTF-8; both are padded with NULs. Object arrays ({@code |O}) are pickled Python
 * objects and are refused.
 */
final class NpyLabels {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR =
            Pattern.compile("'descr'\\s*:\\s*'([<>|=]?)([A-Za-z])(\\d*)'");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");

    private NpyLabels() {}

    /**
     * Reads the labels, with surrounding whitespace removed.
     *
     * @param file the {@code .npy} file
     * @return the labels in array order
     * @throws WeightsFileException if the file is missing, not a 1-D string array, or truncated
     */
    static List<String> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new WeightsFileException(file, null, "cannot read labels: " + e, e);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        String header = header(file, in);
        Matcher descr = DESCR.matcher(header);
        Matcher shape = SHAPE.matcher(header);
        Matcher fortran = FORTRAN.matcher(header);
        if (!descr.find() || !shape.find() || !fortran.find()) {
            throw new WeightsFileException(file, null, "unreadable .npy header: " + header);
        }
        String kind = descr.group(2);
        if (!kind.equals("U") && !kind.equals("S")) {
            throw new WeightsFileException(
                    file,
                    null,
                    "labels must be a numpy string array (dtype U or S), found dtype '"
                            + descr.group(1)
                            + kind
                            + descr.group(3)
                            + "'"
                            + (kind.equals("O") ? " (pickled objects, not supported)" : ""));
        }
        int count = oneDimension(file, shape.group(1));
        int chars = descr.group(3).isEmpty() ? 0 : Integer.parseInt(descr.group(3));
        boolean utf32 = kind.equals("U");
        int width = utf32 ? chars * 4 : chars;
        long needed = (long) count * width;
        if (in.remaining() < needed) {
            throw new WeightsFileException(
                    file,
                    null,
                    "truncated: "
                            + count
                            + " labels of "
                            + width
                            + " bytes need "
                            + needed
                            + " bytes after the header, found "
                            + in.remaining());
        }
        Charset charset =
                !utf32
                        ? StandardCharsets.UTF_8
                        : descr.group(1).equals(">")
                                ? Charset.forName("UTF-32BE")
                                : Charset.forName("UTF-32LE");
        List<String> labels = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] element = new byte[width];
            in.get(element);
            labels.add(stripNuls(new String(element, charset)).strip());
        }
        return labels;
    }

    private static String header(Path file, ByteBuffer in) {
        if (in.remaining() < 10) {
            throw new WeightsFileException(file, null, "not a .npy file: too short");
        }
        byte[] magic = new byte[MAGIC.length];
        in.get(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new WeightsFileException(file, null, "not a .npy file (no \\x93NUMPY magic)");
        }
        int major = in.get() & 0xff;
        in.get();
        long length = major == 1 ? in.getShort() & 0xffff : in.getInt() & 0xffffffffL;
        if (major < 1 || major > 3 || length > in.remaining()) {
            throw new WeightsFileException(
                    file, null, "unreadable .npy header (version " + major + ", length " + length);
        }
        byte[] header = new byte[(int) length];
        in.get(header);
        return new String(
                header, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    }

    private static int oneDimension(Path file, String shape) {
        String[] dims = shape.replace(" ", "").split(",");
        if (dims.length != 1 || dims[0].isEmpty()) {
            throw new WeightsFileException(
                    file, null, "labels must be a 1-D array, found shape (" + shape + ")");
        }
        return Integer.parseInt(dims[0]);
    }

    private static String stripNuls(String s) {
        int end = s.indexOf('\0');
        return end < 0 ? s : s.substring(0, end);
    }
}
