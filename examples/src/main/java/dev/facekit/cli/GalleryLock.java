package dev.facekit.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on {@code GALLERY.lock} next to a gallery file, held while a command loads,
 * changes and saves the gallery, so that two processes enrolling into the same file take turns
 * instead of one overwriting the other's people. Readers ({@code identify}) need no lock: a save
 * replaces the file atomically. The lock file stays behind, empty; it is harmless.
 */
final class GalleryLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private GalleryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Creates the gallery's folder if needed and waits for the lock. */
    static GalleryLock acquire(Path gallery) {
        Path file = gallery.toAbsolutePath().resolveSibling(gallery.getFileName() + ".lock");
        FileChannel channel = null;
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new GalleryLock(channel, channel.lock());
        } catch (IOException e) {
            closeQuietly(channel);
            // Some exceptions (NoSuchFileException, AccessDeniedException) carry only the path.
            String why =
                    e.getMessage() == null || e.getMessage().equals(file.toString())
                            ? e.getClass().getSimpleName()
                            : e.getMessage();
            throw new UncheckedIOException("cannot lock " + file + ": " + why, e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the gallery lock: " + e, e);
        } finally {
            closeQuietly(channel);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // Closing a lock file we only wrote nothing to cannot lose data.
        }
    }
}
