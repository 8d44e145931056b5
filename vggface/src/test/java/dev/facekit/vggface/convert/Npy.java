package dev.facekit.vggface.convert;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes .npy string arrays as numpy 1.x does, for tests (format version 1.0). */
final class Npy {

    private Npy() {}

    /** Writes {@code labels} with dtype {@code <U n} (UTF-32LE) or {@code |S n} (bytes). */
    static Path write(Path file, List<String> labels, boolean unicode) throws Exception {
        int chars =
                labels.stream()
                        .mapToInt(s -> s.getBytes(StandardCharsets.UTF_8).length)
                        .max()
                        .orElse(1);
        String descr = unicode ? "<U" + chars : "|S" + chars;
        int width = unicode ? chars * 4 : chars;
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        Charset cs = unicode ? Charset.forName("UTF-32LE") : StandardCharsets.UTF_8;
        for (String l : labels) {
            byte[] b = l.getBytes(cs);
            data.write(b);
            data.write(new byte[width - b.length]);
        }
        return writeRaw(
                file,
                "{'descr': '"
                        + descr
                        + "', 'fortran_order': False, 'shape': ("
                        + labels.size()
                        + ",), }",
                data.toByteArray());
    }

    /** Writes a version 1.0 file with the given header dict and data bytes. */
    static Path writeRaw(Path file, String dict, byte[] data) throws Exception {
        StringBuilder header = new StringBuilder(dict);
        while ((10 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        ByteBuffer b =
                ByteBuffer.allocate(10 + header.length() + data.length)
                        .order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        b.putShort((short) header.length());
        b.put(header.toString().getBytes(StandardCharsets.ISO_8859_1));
        b.put(data);
        return Files.write(file, b.array());
    }
}
