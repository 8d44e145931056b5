package dev.facekit.eval;

import dev.facekit.embed.Embedding;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A per-image cache of pipeline results (an embedding, or "no face found"), kept in memory and
 * optionally in a file so that a second evaluation of the same images is fast.
 *
 * <p>An entry is found again only when the image's absolute path, its size in bytes, its
 * modification time and the cache key all match; a changed file is computed again. The key names
 * the pipeline: pass something that changes whenever the result would, for example the embedder's
 * model name together with the detector's settings. One file may hold entries of several keys.
 *
 * <p>{@link #save()} writes the file atomically (a temporary file in the same folder, then a
 * rename), so an interrupted run never leaves a half-written cache. A file that cannot be parsed or
 * read (another format or version, truncated) is ignored with a warning and replaced on the next
 * save. Images that cannot be read are never cached.
 *
 * <p>Thread-safe: all methods synchronise on the cache. The function passed to {@link
 * #computeIfAbsent} runs outside the lock, so two threads may compute the same image once each.
 */
public final class EmbeddingCache {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingCache.class);
    private static final int MAGIC = 0x464b4543; // "FKEC"
    private static final int VERSION = 1;

    private final Path file;
    private final String key;
    private final Map<String, Entry> entries;
    private boolean dirty;

    private record Entry(long size, long modified, Embedding embedding) {}

    private EmbeddingCache(Path file, String key, Map<String, Entry> entries) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("cache key must not be blank");
        }
        this.file = file;
        this.key = key;
        this.entries = entries;
    }

    /**
     * Opens a cache backed by a file, reading its entries when the file exists.
     *
     * @param file the cache file; its folder must exist when {@link #save()} is called
     * @param key the pipeline's name, for example the model name and detector settings
     * @return the cache (empty when the file is absent, unreadable or of another format)
     */
    public static EmbeddingCache open(Path file, String key) {
        return new EmbeddingCache(file, key, load(file));
    }

    /**
     * Returns a cache that lives in memory only; {@link #save()} does nothing.
     *
     * @param key the pipeline's name
     * @return the cache
     */
    public static EmbeddingCache inMemory(String key) {
        return new EmbeddingCache(null, key, new LinkedHashMap<>());
    }

    /**
     * Returns the cached result for an image, computing and storing it when there is none for the
     * image's current size and modification time.
     *
     * @param image the image file
     * @param compute the pipeline: the embedding of the image's face, or empty when none was found
     * @return the cached or computed result
     * @throws UncheckedIOException if the file's attributes cannot be read (for example, it does
     *     not exist)
     */
    public Optional<Embedding> computeIfAbsent(
            Path image, Function<Path, Optional<Embedding>> compute) {
        Path abs = image.toAbsolutePath().normalize();
        BasicFileAttributes attributes = attributes(abs);
        long size = attributes.size();
        long modified = attributes.lastModifiedTime().toMillis();
        String id = key + '\n' + abs;

        // A hit needs the same size and modification time
        synchronized (this) {
            Entry e = entries.get(id);
            if (e != null && e.size() == size && e.modified() == modified) {
                return Optional.ofNullable(e.embedding());
            }
        }
        Optional<Embedding> result = compute.apply(image);
        synchronized (this) {
            entries.put(id, new Entry(size, modified, result.orElse(null)));
            dirty = true;
        }
        return result;
    }

    /** Returns the number of entries, of every key. */
    public synchronized int size() {
        return entries.size();
    }

    /** Returns the backing file, if any. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /**
     * Writes the entries to the file when anything changed since it was read or last saved.
     *
     * @throws UncheckedIOException if the file cannot be written
     */
    public synchronized void save() {
        if (file == null || !dirty) {
            return;
        }
        Path dir = file.toAbsolutePath().getParent();
        try {
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try {
                write(tmp);
                move(tmp, file);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write cache " + file + ": " + e, e);
        }
        dirty = false;
        LOG.debug("saved {} cache entries to {}", entries.size(), file);
    }

    private void write(Path tmp) throws IOException {
        try (DataOutputStream out =
                new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(entries.size());
            for (Map.Entry<String, Entry> me : entries.entrySet()) {
                Entry e = me.getValue();
                out.writeUTF(me.getKey());
                out.writeLong(e.size());
                out.writeLong(e.modified());
                out.writeBoolean(e.embedding() != null);
                if (e.embedding() != null) {
                    out.writeUTF(e.embedding().model());
                    out.writeInt(e.embedding().dimension());
                    for (int i = 0; i < e.embedding().dimension(); i++) {
                        out.writeFloat(e.embedding().get(i));
                    }
                }
            }
        }
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(
                    tmp,
                    target,
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Map<String, Entry> load(Path file) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return entries;
        }
        try (DataInputStream in =
                new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            int magic = in.readInt();
            int version = in.readInt();
            if (magic != MAGIC || version != VERSION) {
                LOG.warn("ignoring {}: not a FaceKit embedding cache of version {}", file, VERSION);
                return entries;
            }
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                String id = in.readUTF();
                entries.put(id, new Entry(in.readLong(), in.readLong(), readEmbedding(in)));
            }
        } catch (NoSuchFileException e) {
            return entries;
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("ignoring unreadable embedding cache {}: {}", file, e.toString());
            entries.clear();
        }
        LOG.debug("read {} cache entries from {}", entries.size(), file);
        return entries;
    }

    private static Embedding readEmbedding(DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        String model = in.readUTF();
        int dimension = in.readInt();
        if (dimension <= 0 || dimension > 1 << 20) {
            throw new IOException("implausible embedding dimension " + dimension);
        }
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            v[i] = in.readFloat();
        }
        return new Embedding(model, v);
    }

    private static BasicFileAttributes attributes(Path image) {
        try {
            return Files.readAttributes(image, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read attributes of " + image + ": " + e, e);
        }
    }
}
