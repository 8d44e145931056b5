package dev.facekit.vggface.convert;

import java.util.Locale;

/**
 * The three networks keras-vggface publishes weights for, with the facts a converted model needs:
 * the number of identities of the classifier, the preprocessing (channel means in BGR order) and
 * the embedding each one yields.
 *
 * <p>Preprocessing, as keras-vggface's {@code preprocess_input}: the 224x224 RGB chip (0..255) is
 * turned to BGR and the per-channel mean is subtracted; nothing is scaled. Version 1 means belong
 * to VGG16 (VGGFace), version 2 means to the two VGGFace2 networks.
 */
public enum Architecture {
    /** VGG16 trained on VGGFace: 2,622 identities; embedding fc7 (4,096-d). */
    VGG16("vggface-vgg16", 2622, 1, new double[] {93.5940, 104.7624, 129.1863}),
    /** ResNet-50 trained on VGGFace2: 8,631 identities; embedding the average pool (2,048-d). */
    RESNET50("vggface2-resnet50", 8631, 2, new double[] {91.4953, 103.8827, 131.0912}),
    /**
     * SE-ResNet-50 (squeeze-and-excitation) trained on VGGFace2: 8,631 identities; embedding the
     * average pool (2,048-d).
     */
    SENET50("vggface2-senet50", 8631, 2, new double[] {91.4953, 103.8827, 131.0912});

    /** Side of the square input chip of all three networks, in pixels. */
    public static final int INPUT_SIZE = 224;

    private final String modelName;
    private final int classes;
    private final int preprocessingVersion;
    private final double[] meanBgr;

    Architecture(String modelName, int classes, int preprocessingVersion, double[] meanBgr) {
        this.modelName = modelName;
        this.classes = classes;
        this.preprocessingVersion = preprocessingVersion;
        this.meanBgr = meanBgr;
    }

    /**
     * Returns the model name a converted model gets, which tags its embeddings. VGG16 without its
     * classifier yields another embedding (the average of pool5), hence another name.
     *
     * @param includeTop whether the weight file has the classifier layers
     * @return for example {@code vggface2-resnet50} or {@code vggface-vgg16-pool5}
     */
    public String modelName(boolean includeTop) {
        return this == VGG16 && !includeTop ? modelName + "-pool5" : modelName;
    }

    /** Returns the number of identities of the published classifier. */
    public int classes() {
        return classes;
    }

    /** Returns keras-vggface's preprocessing version: 1 for VGG16, 2 for the others. */
    public int preprocessingVersion() {
        return preprocessingVersion;
    }

    /** Returns a copy of the per-channel means in B, G, R order, on the 0..255 scale. */
    public double[] meanBgr() {
        return meanBgr.clone();
    }

    /**
     * Returns the embedding dimension at full width.
     *
     * @param includeTop whether the weight file has the classifier layers
     * @return 4096 for VGG16 with its classifier (fc7), 512 without it (pool5 averaged), 2048 for
     *     the ResNets
     */
    public int embeddingDimension(boolean includeTop) {
        if (this == VGG16) {
            return includeTop ? 4096 : 512;
        }
        return 2048;
    }

    /**
     * Parses a command-line name: {@code vgg16}, {@code resnet50} or {@code senet50}, any case.
     *
     * @param name the name
     * @return the architecture
     * @throws IllegalArgumentException if the name is none of them
     */
    public static Architecture parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "vgg16" -> VGG16;
            case "resnet50" -> RESNET50;
            case "senet50" -> SENET50;
            default ->
                    throw new IllegalArgumentException(
                            "unknown architecture '"
                                    + name
                                    + "', expected vgg16, resnet50 or senet50");
        };
    }
}
