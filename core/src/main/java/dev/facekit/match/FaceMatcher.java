package dev.facekit.match;

import dev.facekit.detect.DetectedFace;
import dev.facekit.detect.FaceDetector;
import dev.facekit.embed.Embedding;
import dev.facekit.embed.FaceEmbedder;
import dev.facekit.embed.Threshold;
import dev.facekit.image.RgbImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The facade for matching faces: a {@link FaceDetector} and a {@link FaceEmbedder} composed for 1:1
 * verification ({@link #verify}) and 1:N identification ({@link #identify}) against this matcher's
 * {@link Gallery}. With the bundled models of the {@code facekit-mtcnn} and {@code facekit-vggface}
 * modules (the test {@code RealPhotoIdentificationTest} in {@code examples} runs this way):
 *
 * <pre>{@code
 * try (FaceDetector detector = MtcnnDetector.create();
 *         FaceEmbedder embedder = SavedModelEmbedder.compact();
 *         FaceMatcher matcher = FaceMatcher.of(detector, embedder)) {
 *     Verification v = matcher.verify(RgbImage.read(a), RgbImage.read(b));
 *     matcher.enroll("ada", RgbImage.read(adaPhoto));
 *     List<FaceIdentification> who = matcher.identify(RgbImage.read(groupPhoto), 3);
 * }
 * }</pre>
 *
 * <p><b>Ownership: a matcher owns only what it created.</b> The detector and the embedder belong to
 * the caller, who closes them after the matcher, unless the caller hands them over with {@link
 * Builder#closeComponents(boolean) closeComponents(true)}; then {@link #close()} closes them too.
 * The gallery is plain heap memory and needs no closing; a gallery passed to {@link
 * Builder#gallery(Gallery)} stays usable after the matcher is closed.
 *
 * <p><b>Decisions.</b> The threshold (and with it the metric) is the embedder's {@link
 * FaceEmbedder#defaultThreshold()} unless {@link Builder#threshold(Threshold)} gives another.
 * Distances follow that metric; similarities are always cosine similarities (see the package
 * documentation). When an image holds several faces, {@link #verify} and {@link #enroll} use the
 * primary face ({@link FaceSelection#primary}); {@link FaceSelection#BEST_PAIR} makes {@code
 * verify} compare every pair instead.
 *
 * <p><b>Thread safety.</b> Thread-safe when its detector and embedder are: calls run in parallel
 * and never block each other. {@link #close()} waits for calls in flight, then every method throws
 * {@link IllegalStateException}; closing twice does nothing.
 */
public final class FaceMatcher implements AutoCloseable {

    private final FaceDetector detector;
    private final FaceEmbedder embedder;
    private final boolean closeComponents;
    private final Threshold threshold;
    private final FaceSelection selection;
    private final Gallery gallery;
    private final ReentrantReadWriteLock life = new ReentrantReadWriteLock();
    private volatile boolean closed;

    private FaceMatcher(Builder b) {
        this.detector = b.detector;
        this.embedder = b.embedder;
        this.closeComponents = b.closeComponents;
        this.threshold = b.threshold != null ? b.threshold : embedder.defaultThreshold();
        this.selection = b.selection;
        this.gallery =
                b.gallery != null
                        ? b.gallery
                        : Gallery.create(embedder.modelName(), embedder.dimension());
    }

    /**
     * Returns a matcher with the embedder's default threshold, primary-face selection and an empty
     * gallery. The detector and embedder stay the caller's to close.
     *
     * @param detector the face detector
     * @param embedder the face embedder
     * @return the matcher
     */
    public static FaceMatcher of(FaceDetector detector, FaceEmbedder embedder) {
        return builder(detector, embedder).build();
    }

    /**
     * Returns a builder for a matcher of these components.
     *
     * @param detector the face detector
     * @param embedder the face embedder
     * @return the builder
     * @throws IllegalArgumentException if either is null
     */
    public static Builder builder(FaceDetector detector, FaceEmbedder embedder) {
        if (detector == null || embedder == null) {
            throw new IllegalArgumentException("detector and embedder must not be null");
        }
        return new Builder(detector, embedder);
    }

    /** Returns the threshold every decision uses. */
    public Threshold threshold() {
        return threshold;
    }

    /** Returns the face selection {@link #verify(RgbImage, RgbImage)} uses. */
    public FaceSelection selection() {
        return selection;
    }

    /** Returns this matcher's gallery, which {@link #enroll} and {@link #identify} use. */
    public Gallery gallery() {
        return gallery;
    }

    /**
     * Verifies whether two images show the same person, with this matcher's face selection.
     *
     * @param a the first image
     * @param b the second image
     * @return the verification; its status says when an image holds no face
     * @throws IllegalArgumentException if an image is null
     * @throws IllegalStateException if the matcher is closed
     */
    public Verification verify(RgbImage a, RgbImage b) {
        return verify(a, b, selection);
    }

    /**
     * Verifies whether two images show the same person.
     *
     * @param a the first image
     * @param b the second image
     * @param selection which faces to compare
     * @return the verification; its status says when an image holds no face
     * @throws IllegalArgumentException if an argument is null
     * @throws IllegalStateException if the matcher is closed
     */
    public Verification verify(RgbImage a, RgbImage b, FaceSelection selection) {
        requireImage(a, "first image");
        requireImage(b, "second image");
        if (selection == null) {
            throw new IllegalArgumentException("selection must not be null");
        }
        enter();
        try {
            List<DetectedFace> facesA = candidates(a, selection);
            List<DetectedFace> facesB = candidates(b, selection);
            if (facesA.isEmpty() || facesB.isEmpty()) {
                return noFace(facesA, facesB);
            }
            return bestPair(a, facesA, b, facesB);
        } finally {
            exit();
        }
    }

    /**
     * Compares two embeddings under this matcher's threshold.
     *
     * @param a one embedding
     * @param b the other, of the same model and dimension
     * @return the comparison
     * @throws IllegalArgumentException if the models or dimensions differ
     * @throws IllegalStateException if the matcher is closed
     */
    public Comparison compare(Embedding a, Embedding b) {
        enter();
        try {
            return Comparison.of(a, b, threshold);
        } finally {
            exit();
        }
    }

    /**
     * Enrolls the primary face of each image under one identity; when the identity exists, the new
     * embeddings are added to its existing ones. Either every image is enrolled or none.
     *
     * @param identity the name, not blank
     * @param images at least one image, each holding at least one face
     * @return the face enrolled from each image, in order
     * @throws IllegalArgumentException if the identity is null or blank, no image is given, an
     *     image is null, or an image holds no face (naming which)
     * @throws IllegalStateException if the matcher is closed
     */
    public List<DetectedFace> enroll(String identity, RgbImage... images) {
        Gallery.requireIdentity(identity);
        if (images == null || images.length == 0) {
            throw new IllegalArgumentException("no image given for identity '" + identity + "'");
        }
        for (int i = 0; i < images.length; i++) {
            requireImage(images[i], "image " + i + " of '" + identity + "'");
        }
        enter();
        try {
            List<DetectedFace> faces = new ArrayList<>(images.length);
            List<Embedding> embeddings = new ArrayList<>(images.length);
            for (int i = 0; i < images.length; i++) {
                RgbImage image = images[i];
                Optional<DetectedFace> face =
                        FaceSelection.primary(
                                detector.detect(image), image.width(), image.height());
                if (face.isEmpty()) {
                    throw new IllegalArgumentException(
                            "image "
                                    + i
                                    + " of "
                                    + images.length
                                    + " for identity '"
                                    + identity
                                    + "' holds no face; nothing was enrolled");
                }
                faces.add(face.get());
                embeddings.add(embedder.embed(image, List.of(face.get())).get(0));
            }
            gallery.add(identity, embeddings);
            return List.copyOf(faces);
        } finally {
            exit();
        }
    }

    /**
     * Removes an identity from the gallery.
     *
     * @param identity the name
     * @return whether it was enrolled
     * @throws IllegalStateException if the matcher is closed
     */
    public boolean remove(String identity) {
        enter();
        try {
            return gallery.remove(identity);
        } finally {
            exit();
        }
    }

    /**
     * Returns the enrolled identities in enrollment order.
     *
     * @return the identities
     * @throws IllegalStateException if the matcher is closed
     */
    public List<String> identities() {
        enter();
        try {
            return gallery.identities();
        } finally {
            exit();
        }
    }

    /**
     * Identifies every face of an image against the gallery.
     *
     * @param image the image
     * @param k how many candidates to return per face, {@code > 0}
     * @return one identification per face, in the detector's order; empty when there is no face
     * @throws IllegalArgumentException if the image is null or {@code k <= 0}
     * @throws IllegalStateException if the matcher is closed
     */
    public List<FaceIdentification> identify(RgbImage image, int k) {
        requireImage(image, "image");
        if (k <= 0) {
            throw new IllegalArgumentException("k must be > 0, got " + k);
        }
        enter();
        try {
            List<DetectedFace> faces = detector.detect(image);
            List<Embedding> embeddings = embedder.embed(image, faces);
            List<FaceIdentification> out = new ArrayList<>(faces.size());
            for (int i = 0; i < faces.size(); i++) {
                List<Candidate> c = gallery.search(embeddings.get(i), k, threshold.metric());
                out.add(new FaceIdentification(faces.get(i), threshold, c));
            }
            return List.copyOf(out);
        } finally {
            exit();
        }
    }

    /**
     * Saves the gallery atomically; see {@link Gallery#save(Path)}.
     *
     * @param file the target file
     * @throws java.io.UncheckedIOException if writing fails
     * @throws IllegalStateException if the matcher is closed
     */
    public void saveGallery(Path file) {
        enter();
        try {
            gallery.save(file);
        } finally {
            exit();
        }
    }

    /**
     * Replaces the gallery's content with a saved gallery. The file is read and checked completely
     * first; on any error the gallery is left as it was.
     *
     * @param file a file written by {@link #saveGallery(Path)} or {@link Gallery#save(Path)}
     * @throws GalleryFormatException if the file is not a valid gallery file
     * @throws IllegalArgumentException if the file holds another model or dimension than this
     *     matcher's embedder
     * @throws IllegalStateException if the matcher is closed
     */
    public void loadGallery(Path file) {
        enter();
        try {
            Gallery loaded = Gallery.load(file);
            if (!loaded.model().equals(embedder.modelName())
                    || loaded.dimension() != embedder.dimension()) {
                throw new IllegalArgumentException(
                        "gallery file "
                                + file
                                + " holds "
                                + Gallery.describe(loaded.model(), loaded.dimension())
                                + " but this matcher embeds with "
                                + Gallery.describe(embedder.modelName(), embedder.dimension()));
            }
            gallery.replaceWith(loaded);
        } finally {
            exit();
        }
    }

    /** Returns whether {@link #close()} has been called. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes the matcher after the calls in flight have finished; closes the detector and embedder
     * only when they were handed over with {@link Builder#closeComponents(boolean)}.
     */
    @Override
    public void close() {
        life.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (closeComponents) {
                try {
                    embedder.close();
                } finally {
                    detector.close();
                }
            }
        } finally {
            life.writeLock().unlock();
        }
    }

    private List<DetectedFace> candidates(RgbImage image, FaceSelection selection) {
        List<DetectedFace> faces = detector.detect(image);
        if (selection == FaceSelection.BEST_PAIR) {
            return faces;
        }
        return FaceSelection.primary(faces, image.width(), image.height())
                .map(List::of)
                .orElse(List.of());
    }

    private Verification noFace(List<DetectedFace> facesA, List<DetectedFace> facesB) {
        Verification.Status status =
                facesA.isEmpty() && facesB.isEmpty()
                        ? Verification.Status.NO_FACE_IN_EITHER
                        : facesA.isEmpty()
                                ? Verification.Status.NO_FACE_IN_A
                                : Verification.Status.NO_FACE_IN_B;
        Optional<DetectedFace> a =
                facesA.size() == 1 ? Optional.of(facesA.get(0)) : Optional.empty();
        Optional<DetectedFace> b =
                facesB.size() == 1 ? Optional.of(facesB.get(0)) : Optional.empty();
        return new Verification(status, threshold, a, b, Optional.empty());
    }

    private Verification bestPair(
            RgbImage a, List<DetectedFace> facesA, RgbImage b, List<DetectedFace> facesB) {
        List<Embedding> ea = embedder.embed(a, facesA);
        List<Embedding> eb = embedder.embed(b, facesB);
        Comparison best = null;
        int bi = 0;
        int bj = 0;
        for (int i = 0; i < ea.size(); i++) {
            for (int j = 0; j < eb.size(); j++) {
                Comparison c = Comparison.of(ea.get(i), eb.get(j), threshold);
                if (best == null || c.distance() < best.distance()) {
                    best = c;
                    bi = i;
                    bj = j;
                }
            }
        }
        return new Verification(
                Verification.Status.COMPARED,
                threshold,
                Optional.of(facesA.get(bi)),
                Optional.of(facesB.get(bj)),
                Optional.of(best));
    }

    private void enter() {
        life.readLock().lock();
        if (closed) {
            life.readLock().unlock();
            throw new IllegalStateException("FaceMatcher is closed");
        }
    }

    private void exit() {
        life.readLock().unlock();
    }

    private static void requireImage(RgbImage image, String what) {
        if (image == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
    }

    /** Configures a {@link FaceMatcher}. Not thread-safe; build once and share the matcher. */
    public static final class Builder {
        private final FaceDetector detector;
        private final FaceEmbedder embedder;
        private Threshold threshold;
        private FaceSelection selection = FaceSelection.PRIMARY;
        private Gallery gallery;
        private boolean closeComponents;

        private Builder(FaceDetector detector, FaceEmbedder embedder) {
            this.detector = detector;
            this.embedder = embedder;
        }

        /**
         * Sets the decision threshold, and with it the metric; default: the embedder's {@link
         * FaceEmbedder#defaultThreshold()}.
         *
         * @param threshold the threshold
         * @return this builder
         */
        public Builder threshold(Threshold threshold) {
            if (threshold == null) {
                throw new IllegalArgumentException("threshold must not be null");
            }
            this.threshold = threshold;
            return this;
        }

        /**
         * Sets which faces {@link FaceMatcher#verify(RgbImage, RgbImage)} compares; default {@link
         * FaceSelection#PRIMARY}.
         *
         * @param selection the selection
         * @return this builder
         */
        public Builder selection(FaceSelection selection) {
            if (selection == null) {
                throw new IllegalArgumentException("selection must not be null");
            }
            this.selection = selection;
            return this;
        }

        /**
         * Uses an existing gallery, which may be shared with other matchers of the same model;
         * default: a new empty gallery.
         *
         * @param gallery a gallery of the embedder's model and dimension
         * @return this builder
         * @throws IllegalArgumentException if the gallery's model or dimension differs
         */
        public Builder gallery(Gallery gallery) {
            if (gallery == null) {
                throw new IllegalArgumentException("gallery must not be null");
            }
            if (!gallery.model().equals(embedder.modelName())
                    || gallery.dimension() != embedder.dimension()) {
                throw new IllegalArgumentException(
                        "gallery of "
                                + Gallery.describe(gallery.model(), gallery.dimension())
                                + " does not fit the embedder's "
                                + Gallery.describe(embedder.modelName(), embedder.dimension()));
            }
            this.gallery = gallery;
            return this;
        }

        /**
         * Hands the detector and embedder over to the matcher, whose {@link FaceMatcher#close()}
         * then closes them; default {@code false}: they stay the caller's.
         *
         * @param close whether the matcher closes the components
         * @return this builder
         */
        public Builder closeComponents(boolean close) {
            this.closeComponents = close;
            return this;
        }

        /** Returns the matcher. */
        public FaceMatcher build() {
            return new FaceMatcher(this);
        }
    }
}
