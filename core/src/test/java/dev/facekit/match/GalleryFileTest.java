package dev.facekit.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facekit.embed.Embedding;
import dev.facekit.embed.Metric;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GalleryFileTest {

    @TempDir Path dir;

    static Gallery small() {
        Gallery g = Gallery.create("tiny", 2);
        g.add("ab", new Embedding("tiny", new float[] {1, 2}));
        g.add("é", new Embedding("tiny", new float[] {-0.5f, 4}));
        g.add("ab", new Embedding("tiny", new float[] {3, 0}));
        return g;
    }

    /** The bytes of {@link #small()} written out by hand from the format in GALLERY.md. */
    static byte[] smallByHand(int version) {
        byte[] e = "é".getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(200).order(ByteOrder.LITTLE_ENDIAN);
        b.put("FKGALLRY".getBytes(StandardCharsets.US_ASCII));
        b.putInt(version).putInt(2).putInt(2).putInt(3);
        b.putShort((short) 4).put("tiny".getBytes(StandardCharsets.US_ASCII));
        b.putShort((short) 2).put("ab".getBytes(StandardCharsets.US_ASCII));
        b.putShort((short) e.length).put(e);
        b.putInt(0).putInt(1).putInt(0);
        b.putFloat(1).putFloat(2).putFloat(-0.5f).putFloat(4).putFloat(3).putFloat(0);
        return withCrc(Arrays.copyOf(b.array(), b.position()));
    }

    static byte[] withCrc(byte[] body) {
        CRC32C crc = new CRC32C();
        crc.update(body);
        ByteBuffer out = ByteBuffer.allocate(body.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        out.put(body).putInt((int) crc.getValue());
        return out.array();
    }

    static byte[] withoutCrc(byte[] file) {
        return Arrays.copyOf(file, file.length - 4);
    }

    Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @Test
    void theFileHoldsExactlyTheDocumentedBytes() throws IOException {
        Path file = dir.resolve("small.fkg");

        small().save(file);

        assertThat(Files.readAllBytes(file)).isEqualTo(smallByHand(1));
    }

    @Test
    void aSavedGalleryLoadsBackEqual() throws IOException {
        Random rnd = new Random(3);
        Gallery g = Gallery.create("m", 37);
        for (int i = 0; i < 500; i++) {
            g.add("id-" + (i % 101), GalleryTest.random(rnd, "m", 37, 1 + i % 5));
        }
        Path file = dir.resolve("g.fkg");

        g.save(file);
        Gallery back = Gallery.load(file);

        assertThat(back.model()).isEqualTo("m");
        assertThat(back.dimension()).isEqualTo(37);
        assertThat(back.identities()).isEqualTo(g.identities());
        assertThat(back.embeddingCount()).isEqualTo(500);
        for (String id : g.identities()) {
            assertThat(back.embeddings(id)).isEqualTo(g.embeddings(id));
        }
        Embedding q = GalleryTest.random(rnd, "m", 37, 1);
        assertThat(back.search(q, 7, Metric.EUCLIDEAN)).isEqualTo(g.search(q, 7, Metric.EUCLIDEAN));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void anEmptyGalleryRoundTrips() {
        Path file = dir.resolve("empty.fkg");
        Gallery.create("m", 4).save(file);

        Gallery back = Gallery.load(file);

        assertThat(back.isEmpty()).isTrue();
        assertThat(back.model()).isEqualTo("m");
        assertThat(back.dimension()).isEqualTo(4);
    }

    @Test
    void savingReplacesTheOldFile() {
        Path file = dir.resolve("g.fkg");
        small().save(file);
        Gallery other = Gallery.create("tiny", 2);
        other.add("zz", new Embedding("tiny", new float[] {5, 5}));

        other.save(file);

        assertThat(Gallery.load(file).identities()).containsExactly("zz");
    }

    @Test
    void everyFlippedBitIsRefused() throws IOException {
        byte[] good = smallByHand(1);
        for (int i = 0; i < good.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] bad = good.clone();
                bad[i] ^= (byte) (1 << bit);
                Path p = write("flip.fkg", bad);
                assertThatThrownBy(() -> Gallery.load(p))
                        .as("byte %d bit %d", i, bit)
                        .isInstanceOf(GalleryFormatException.class)
                        .hasMessageStartingWith("gallery file " + p + ": ");
            }
        }
    }

    @Test
    void aFlippedPayloadByteIsACheckSumMismatch() throws IOException {
        byte[] bad = smallByHand(1);
        bad[bad.length - 10] ^= 0x40;
        Path p = write("flip.fkg", bad);

        assertThatThrownBy(() -> Gallery.load(p))
                .isInstanceOf(GalleryFormatException.class)
                .hasMessageContaining(": checksum mismatch (stored CRC32C ")
                .hasMessageEndingWith("over 74 bytes): the file is corrupt or cut short");
    }

    @Test
    void everyTruncationIsRefused() throws IOException {
        byte[] good = smallByHand(1);
        for (int n = 0; n < good.length; n++) {
            Path p = write("cut.fkg", Arrays.copyOf(good, n));
            assertThatThrownBy(() -> Gallery.load(p))
                    .as("first %d bytes", n)
                    .isInstanceOf(GalleryFormatException.class)
                    .hasMessageStartingWith("gallery file " + p + ": ");
        }
        Path empty = write("empty.fkg", new byte[0]);
        assertThatThrownBy(() -> Gallery.load(empty))
                .hasMessage("gallery file " + empty + ": too short to be a gallery file (0 bytes)");
    }

    @Test
    void foreignFilesAreRefused() throws IOException {
        byte[] png = new byte[64];
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}, 0, png, 0, 8);
        Path image = write("photo.fkg", png);
        Path text =
                write(
                        "notes.fkg",
                        "identity,embedding\nada,1 2 3\n".getBytes(StandardCharsets.UTF_8));
        Path missing = dir.resolve("missing.fkg");

        assertThatThrownBy(() -> Gallery.load(image))
                .isInstanceOf(GalleryFormatException.class)
                .hasMessage("gallery file " + image + ": not a FaceKit gallery file (bad magic)");
        assertThatThrownBy(() -> Gallery.load(text))
                .hasMessage("gallery file " + text + ": not a FaceKit gallery file (bad magic)");
        assertThatThrownBy(() -> Gallery.load(missing))
                .isInstanceOf(GalleryFormatException.class)
                .hasMessage("gallery file " + missing + ": no such file");
        assertThat(((GalleryFormatException) catchLoad(missing)).file()).isEqualTo(missing);
    }

    static Throwable catchLoad(Path p) {
        try {
            Gallery.load(p);
            return null;
        } catch (GalleryFormatException e) {
            return e;
        }
    }

    @Test
    void anotherVersionIsRefusedEvenWithAValidChecksum() throws IOException {
        Path p = write("v2.fkg", smallByHand(2));

        assertThatThrownBy(() -> Gallery.load(p))
                .isInstanceOf(GalleryFormatException.class)
                .hasMessage(
                        "gallery file "
                                + p
                                + ": unsupported format version 2 (this library reads version 1)");
    }

    @Test
    void structurallyBrokenFilesWithValidChecksumsAreRefusedWithTheirProblem() throws IOException {
        byte[] body = withoutCrc(smallByHand(1));
        // Owner of row 1 (at offset 8 + 16 + 6 + 4 + 4 + 4 = 42) set to identity 7.
        byte[] badOwner = body.clone();
        badOwner[42] = 7;
        // Row 1 owned by identity 0: identity 1 ("é") then has no embedding.
        byte[] orphan = body.clone();
        orphan[42] = 0;
        // First float (offset 50) made NaN: 0x7fc00000 little-endian.
        byte[] nan = body.clone();
        nan[50] = 0;
        nan[51] = 0;
        nan[52] = (byte) 0xc0;
        nan[53] = 0x7f;
        // Both identities named "ab".
        byte[] dup = body.clone();
        byte[] e = "é".getBytes(StandardCharsets.UTF_8);
        dup[36] = 'a';
        dup[37] = 'b';
        assertThat(e).hasSize(2);
        byte[] trailing = Arrays.copyOf(smallByHand(1), smallByHand(1).length + 1);

        assertProblem(withCrc(badOwner), "embedding 1 names identity 7 of 2");
        assertProblem(withCrc(orphan), "identity 'é' has no embedding");
        assertProblem(withCrc(nan), "embedding 0 has a non-finite component: NaN");
        assertProblem(withCrc(dup), "identity 1 is blank or repeated: 'ab'");
        assertThatThrownBy(() -> Gallery.load(write("t.fkg", trailing)))
                .hasMessageContaining("checksum mismatch");
    }

    void assertProblem(byte[] file, String problem) throws IOException {
        Path p = write("broken.fkg", file);
        assertThatThrownBy(() -> Gallery.load(p))
                .isInstanceOf(GalleryFormatException.class)
                .hasMessage("gallery file " + p + ": " + problem);
    }

    @Test
    void aFailedSaveLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("g.fkg");
        small().save(file);
        byte[] before = Files.readAllBytes(file);
        Path missingDir = dir.resolve("no/such/dir/g.fkg");
        Path isDir = Files.createDirectory(dir.resolve("taken"));
        Files.writeString(isDir.resolve("child"), "keeps the directory non-empty");

        assertThatThrownBy(() -> small().save(missingDir))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("could not save gallery to " + missingDir);
        assertThatThrownBy(() -> Gallery.create("tiny", 2).save(isDir))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("could not save gallery to " + isDir);

        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .isEqualTo(List.of("g.fkg", "taken"));
        }
    }
}
