package dev.facekit.match;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes gallery files, format version 1 (specified in {@code core/GALLERY.md}). All
 * numbers little-endian:
 *
 * <pre>
 * magic "FKGALLRY" (8 bytes) | u32 version = 1 | u32 dimension | u32 identities | u32 rows
 * | u16 length + UTF-8 model name
 * | identities x (u16 length + UTF-8 name)
 * | rows x u32 identity index
 * | rows x dimension x f32, row-major
 * | u32 CRC32C of every byte before it
 * </pre>
 */
final class GalleryFile {

    static final byte[] MAGIC = "FKGALLRY".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    static final int FIXED_HEADER = 8 + 4 * 4;
    private static final int BUFFER = 1 << 20;
    private static final Logger LOG = LoggerFactory.getLogger(GalleryFile.class);

    /** A file's content after every check passed. */
    record Contents(String model, int dimension, Gallery.Snapshot snapshot) {}

    private GalleryFile() {}

    // ---- writing ----------------------------------------------------------------------------

    static void write(Path file, String model, int dimension, Gallery.Snapshot s) {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                Out out = new Out(ch);
                writeBody(out, model, dimension, s);
                out.finish();
                ch.force(true);
            }
            Files.move(
                    tmp,
                    target,
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
            syncDirectory(dir);
            LOG.debug("saved {} identities, {} embeddings to {}", s.identities, s.rows, target);
        } catch (IOException e) {
            throw new UncheckedIOException("could not save gallery to " + target, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // The temporary file stays behind; the target file is untouched.
                }
            }
        }
    }

    private static void writeBody(Out out, String model, int dimension, Gallery.Snapshot s)
            throws IOException {
        out.bytes(MAGIC);
        out.u32(VERSION);
        out.u32(dimension);
        out.u32(s.identities);
        out.u32(s.rows);
        out.string(model);
        for (int i = 0; i < s.identities; i++) {
            out.string(s.names[i]);
        }
        for (int r = 0; r < s.rows; r++) {
            out.u32(s.owner[r]);
        }
        out.floats(s.data, (long) s.rows * dimension);
    }

    private static void syncDirectory(Path dir) {
        // Makes the rename itself durable. Linux allows opening a directory for reading and
        // syncing it; other platforms may refuse, and then the rename is durable when the file
        // system commits it.
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("could not sync directory {}: {}", dir, e.toString());
        }
    }

    /** Buffered writer that keeps the running CRC32C. */
    private static final class Out {
        private final FileChannel ch;
        private final ByteBuffer buf =
                ByteBuffer.allocateDirect(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
        private final CRC32C crc = new CRC32C();

        Out(FileChannel ch) {
            this.ch = ch;
        }

        void room(int n) throws IOException {
            if (buf.remaining() < n) {
                drain();
            }
        }

        void drain() throws IOException {
            buf.flip();
            crc.update(buf.duplicate());
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            buf.clear();
        }

        void bytes(byte[] b) throws IOException {
            room(b.length);
            buf.put(b);
        }

        void u32(int v) throws IOException {
            room(4);
            buf.putInt(v);
        }

        void string(String s) throws IOException {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            room(2 + b.length);
            buf.putShort((short) b.length);
            buf.put(b);
        }

        void floats(float[] a, long count) throws IOException {
            long done = 0;
            while (done < count) {
                room(4);
                int n = (int) Math.min(count - done, buf.remaining() / 4);
                buf.asFloatBuffer().put(a, (int) done, n);
                buf.position(buf.position() + 4 * n);
                done += n;
            }
        }

        void finish() throws IOException {
            drain();
            buf.putInt((int) crc.getValue());
            buf.flip();
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        }
    }

    // ---- reading ----------------------------------------------------------------------------

    static Contents read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return new Reader(file, ch).read();
        } catch (NoSuchFileException e) {
            throw new GalleryFormatException(file, "no such file", e);
        } catch (IOException e) {
            throw new GalleryFormatException(file, "cannot be read: " + e, e);
        }
    }

    /** Reads and checks one file; every problem becomes a {@link GalleryFormatException}. */
    private static final class Reader {
        private final Path file;
        private final FileChannel ch;
        private final long size;
        private final ByteBuffer buf =
                ByteBuffer.allocateDirect(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
        private long consumed;

        Reader(Path file, FileChannel ch) throws IOException {
            this.file = file;
            this.ch = ch;
            this.size = ch.size();
            buf.limit(0);
        }

        Contents read() throws IOException {
            if (size >= MAGIC.length) {
                byte[] magic = new byte[MAGIC.length];
                need(magic.length);
                buf.get(magic);
                if (!java.util.Arrays.equals(magic, MAGIC)) {
                    throw fail("not a FaceKit gallery file (bad magic)");
                }
            }
            if (size < FIXED_HEADER + 2 + 4) {
                throw fail("too short to be a gallery file (" + size + " bytes)");
            }
            int version = u32();
            if (version != VERSION) {
                throw fail(
                        "unsupported format version "
                                + Integer.toUnsignedString(version)
                                + " (this library reads version "
                                + VERSION
                                + ")");
            }
            verifyChecksum();
            int dimension = u32();
            int identities = u32();
            int rows = u32();
            String model = string("model name");
            checkCounts(dimension, identities, rows, model);
            return readTables(model, dimension, identities, rows);
        }

        private void checkCounts(int dimension, int identities, int rows, String model) {
            if (model.isBlank()) {
                throw fail("the model name is blank");
            }
            if (dimension <= 0) {
                throw fail("dimension must be > 0, found " + Integer.toUnsignedString(dimension));
            }
            if (identities < 0 || rows < 0 || identities > rows) {
                throw fail(
                        "inconsistent counts: "
                                + Integer.toUnsignedString(identities)
                                + " identities, "
                                + Integer.toUnsignedString(rows)
                                + " embeddings");
            }
            if (rows > (Integer.MAX_VALUE - 8) / dimension) {
                throw fail(rows + " embeddings of " + dimension + " dimensions exceed the limit");
            }
            long rest = (long) rows * (4 + 4L * dimension) + 2L * identities + 4;
            if (size - (consumed - buf.remaining()) < rest) {
                throw fail(
                        "truncated: "
                                + size
                                + " bytes cannot hold "
                                + identities
                                + " identities and "
                                + rows
                                + " embeddings of "
                                + dimension
                                + " dimensions of model '"
                                + model
                                + "'");
            }
        }

        private Contents readTables(String model, int dimension, int identities, int rows)
                throws IOException {
            String[] names = new String[Math.max(identities, 1)];
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < identities; i++) {
                names[i] = string("identity " + i);
                if (names[i].isBlank() || !seen.add(names[i])) {
                    throw fail("identity " + i + " is blank or repeated: '" + names[i] + "'");
                }
            }
            int cap = Math.max(rows, 1);
            int[] owner = new int[cap];
            int[] perIdentity = new int[Math.max(identities, 1)];
            for (int r = 0; r < rows; r++) {
                owner[r] = u32();
                if (owner[r] < 0 || owner[r] >= identities) {
                    throw fail(
                            "embedding "
                                    + r
                                    + " names identity "
                                    + Integer.toUnsignedString(owner[r])
                                    + " of "
                                    + identities);
                }
                perIdentity[owner[r]]++;
            }
            for (int i = 0; i < identities; i++) {
                if (perIdentity[i] == 0) {
                    throw fail("identity '" + names[i] + "' has no embedding");
                }
            }
            float[] data = new float[cap * dimension];
            floats(data, (long) rows * dimension);
            checkTrailer();
            double[] norms = norms(data, rows, dimension);
            return new Contents(
                    model,
                    dimension,
                    new Gallery.Snapshot(dimension, data, norms, owner, names, rows, identities));
        }

        /** Checks the CRC32C of the whole file in a pass of its own, before anything is parsed. */
        private void verifyChecksum() throws IOException {
            CRC32C crc = new CRC32C();
            ByteBuffer chunk = ByteBuffer.allocateDirect(BUFFER);
            long pos = 0;
            long end = size - 4;
            while (pos < end) {
                chunk.clear().limit((int) Math.min(BUFFER, end - pos));
                int got = ch.read(chunk, pos);
                if (got < 0) {
                    throw fail("truncated while reading");
                }
                chunk.flip();
                crc.update(chunk);
                pos += got;
            }
            ByteBuffer tail = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            while (tail.hasRemaining() && ch.read(tail, end + tail.position()) >= 0) {
                // Reads the four bytes of the stored checksum.
            }
            int stored = tail.flip().getInt();
            int computed = (int) crc.getValue();
            if (stored != computed) {
                throw fail(
                        String.format(
                                "checksum mismatch (stored CRC32C %08x, computed %08x over %d"
                                        + " bytes): the file is corrupt or cut short",
                                stored, computed, end));
            }
        }

        private void checkTrailer() throws IOException {
            need(4);
            buf.getInt();
            if (buf.hasRemaining() || consumed < size) {
                throw fail("unexpected bytes after the checksum");
            }
        }

        private double[] norms(float[] data, int rows, int dimension) {
            double[] norms = new double[Math.max(rows, 1)];
            for (int r = 0; r < rows; r++) {
                double s = 0;
                for (int i = r * dimension, end = i + dimension; i < end; i++) {
                    float v = data[i];
                    if (!Float.isFinite(v)) {
                        throw fail("embedding " + r + " has a non-finite component: " + v);
                    }
                    s += (double) v * v;
                }
                if (s == 0) {
                    throw fail("embedding " + r + " is all zeros");
                }
                norms[r] = Math.sqrt(s);
            }
            return norms;
        }

        /** Makes {@code n <= BUFFER} bytes available in {@code buf}. */
        private void need(int n) throws IOException {
            if (buf.remaining() >= n) {
                return;
            }
            buf.compact();
            while (buf.position() < n) {
                int got = ch.read(buf);
                if (got < 0) {
                    throw fail("truncated: the file ends after " + size + " bytes");
                }
                consumed += got;
            }
            buf.flip();
        }

        private int u32() throws IOException {
            need(4);
            return buf.getInt();
        }

        private String string(String what) throws IOException {
            need(2);
            int len = Short.toUnsignedInt(buf.getShort());
            need(len);
            ByteBuffer slice = buf.slice().limit(len);
            buf.position(buf.position() + len);
            try {
                return StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(slice)
                        .toString();
            } catch (CharacterCodingException e) {
                throw fail(what + " is not valid UTF-8");
            }
        }

        private void floats(float[] out, long count) throws IOException {
            long done = 0;
            while (done < count) {
                need(4);
                int n = (int) Math.min(count - done, buf.remaining() / 4);
                buf.asFloatBuffer().get(out, (int) done, n);
                buf.position(buf.position() + 4 * n);
                done += n;
            }
        }

        private GalleryFormatException fail(String problem) {
            return new GalleryFormatException(file, problem);
        }
    }
}
