package dev.facekit.internal.tf;

import dev.facekit.model.ModelException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import org.tensorflow.exceptions.TensorFlowException;

/**
 * One loaded SavedModel and its single owner.
 *
 * <p>Calls go through {@link #run(Function)}, which holds a read lock for the whole call, so any
 * number of threads run the session at once (TensorFlow sessions are thread-safe). {@link #close()}
 * takes the write lock: it waits for calls in flight, then frees the bundle; later calls throw
 * {@link IllegalStateException}. Closing twice does nothing. This rules out native use-after-free
 * when one thread closes while others still compute.
 *
 * <p><b>Tensors never escape {@code run}</b>: the work function must copy what it needs into Java
 * arrays and close every tensor and result it opens.
 */
public final class SavedModelHandle implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SavedModelHandle.class);

    /** The files of a SavedModel with variables, relative to its directory. */
    public static final List<String> SAVED_MODEL_FILES =
            List.of(
                    "saved_model.pb",
                    "variables/variables.index",
                    "variables/variables.data-00000-of-00001");

    private final SavedModelBundle bundle;
    private final String location;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    private SavedModelHandle(SavedModelBundle bundle, String location) {
        this.bundle = bundle;
        this.location = location;
    }

    /**
     * Loads the SavedModel in a directory with the "serve" tag.
     *
     * @param dir the SavedModel directory (holding {@code saved_model.pb})
     * @return the handle, which the caller owns and must close
     * @throws ModelException if the directory holds no loadable SavedModel
     */
    public static SavedModelHandle load(Path dir) {
        String location = dir.toAbsolutePath().toString();
        if (!Files.isRegularFile(dir.resolve("saved_model.pb"))) {
            throw new ModelException(location + ": no saved_model.pb, not a SavedModel directory");
        }
        try {
            SavedModelBundle bundle = SavedModelBundle.loader(location).withTags("serve").load();
            LOG.debug("loaded SavedModel {} with signatures {}", location, signatureKeys(bundle));
            return new SavedModelHandle(bundle, location);
        } catch (TensorFlowException | IllegalArgumentException e) {
            throw new ModelException(location + ": cannot load SavedModel: " + e.getMessage(), e);
        }
    }

    /**
     * Loads a SavedModel stored as class-path resources under {@code resourceDir}, by copying its
     * files to a temporary directory, loading it, and deleting the copy.
     *
     * @param anchor a class whose class loader sees the resources
     * @param resourceDir the resource folder, for example {@code /dev/facekit/mtcnn/pnet}
     * @return the handle, which the caller owns and must close
     * @throws ModelException if {@code saved_model.pb} is missing or the model does not load
     */
    public static SavedModelHandle loadResource(Class<?> anchor, String resourceDir) {
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("facekit-model-");
            boolean found = false;
            for (String file : SAVED_MODEL_FILES) {
                try (InputStream in = anchor.getResourceAsStream(resourceDir + "/" + file)) {
                    if (in == null) {
                        continue;
                    }
                    Path target = tmp.resolve(file);
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    found |= file.equals("saved_model.pb");
                }
            }
            if (!found) {
                throw new ModelException(
                        "resource " + resourceDir + "/saved_model.pb not found on the class path");
            }
            SavedModelHandle handle = load(tmp);
            LOG.debug("{} was loaded from resources {}", handle.location, resourceDir);
            return new SavedModelHandle(handle.bundle, "classpath:" + resourceDir);
        } catch (IOException e) {
            throw new ModelException("cannot copy model resources " + resourceDir + ": " + e, e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** Returns where the model came from: a directory path or {@code classpath:/...}. */
    public String location() {
        return location;
    }

    /**
     * Returns the signature with the given key.
     *
     * @param key the signature key, for example {@code serving_default}
     * @return the signature
     * @throws ModelException if the model has no such signature
     */
    public Signature signature(String key) {
        return run(
                b -> {
                    for (Signature s : bundle.signatures()) {
                        if (s.key().equals(key)) {
                            return s;
                        }
                    }
                    throw new ModelException(
                            location
                                    + ": no signature '"
                                    + key
                                    + "', found "
                                    + signatureKeys(bundle));
                });
    }

    /**
     * Runs work against the loaded bundle while holding the read lock.
     *
     * @param work the work; it must close every tensor and result it opens
     * @param <T> the work's result type, holding no tensors
     * @return the work's result
     * @throws IllegalStateException if the handle is closed
     */
    public <T> T run(Function<SavedModelBundle, T> work) {
        ReentrantReadWriteLock.ReadLock read = lock.readLock();
        read.lock();
        try {
            if (closed) {
                throw new IllegalStateException("model " + location + " is closed");
            }
            return work.apply(bundle);
        } finally {
            read.unlock();
        }
    }

    /** Returns whether {@link #close()} has been called. */
    public boolean isClosed() {
        ReentrantReadWriteLock.ReadLock read = lock.readLock();
        read.lock();
        try {
            return closed;
        } finally {
            read.unlock();
        }
    }

    /** Waits for calls in flight, then frees the bundle. Closing twice does nothing. */
    @Override
    public void close() {
        ReentrantReadWriteLock.WriteLock write = lock.writeLock();
        write.lock();
        try {
            if (!closed) {
                closed = true;
                bundle.close();
                LOG.debug("closed model {}", location);
            }
        } finally {
            write.unlock();
        }
    }

    private static List<String> signatureKeys(SavedModelBundle bundle) {
        return bundle.signatures().stream().map(Signature::key).toList();
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(SavedModelHandle::deleteOne);
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("could not delete temporary model copy {}: {}", dir, e.toString());
        }
    }

    private static void deleteOne(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
