package dev.facekit.vggface.convert;

/**
 * The shapes a weight file must have: the published networks ({@link #standard}), or the same
 * networks with every channel count divided by a power of two and another number of classes, which
 * tests use to run whole networks quickly. Layer names, kernels, strides, paddings and epsilons
 * never change.
 *
 * @param architecture the network
 * @param widthDivisor every channel count (64 ... 4096) is divided by it; 1 for the real networks
 * @param classes the classifier's number of identities
 */
record NetworkSpec(Architecture architecture, int widthDivisor, int classes) {

    /** Validates the fields. */
    NetworkSpec {
        if (architecture == null) {
            throw new IllegalArgumentException("architecture must not be null");
        }
        if (widthDivisor < 1 || Integer.bitCount(widthDivisor) != 1 || widthDivisor > 16) {
            throw new IllegalArgumentException(
                    "width divisor must be 1, 2, 4, 8 or 16, got " + widthDivisor);
        }
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be >= 1, got " + classes);
        }
    }

    /** Returns the shapes of the published network. */
    static NetworkSpec standard(Architecture architecture) {
        return new NetworkSpec(architecture, 1, architecture.classes());
    }

    /** Returns a channel count of the published network scaled to this spec. */
    int width(int channels) {
        return channels / widthDivisor;
    }

    /** Returns the batch-norm epsilon: Keras's default 1e-3 for ResNet-50, 1e-4 for SE-ResNet. */
    double batchNormEpsilon() {
        return architecture == Architecture.SENET50 ? 1e-4 : 1e-3;
    }
}
