package dev.facekit.cli;

import dev.facekit.embed.Metric;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of the commands that score a pair list: eval verify and calibrate. */
final class PairOptions {

    @Option(
            names = "--pairs",
            paramLabel = "FILE",
            required = true,
            description =
                    "Pair list: CSV with file_a,file_b,same[,fold], or LFW pairs.txt (any name "
                            + "not ending in .csv).")
    Path pairs;

    @Option(
            names = "--root",
            paramLabel = "DIR",
            required = true,
            description = "Folder the pair list's paths are relative to.")
    Path root;

    @Option(
            names = "--lfw-prefix",
            paramLabel = "PREFIX",
            defaultValue = "",
            description =
                    "For LFW pairs.txt: prepended to every image path, e.g. 'lfw/' (default: "
                            + "none).")
    String lfwPrefix;

    @Option(
            names = "--metric",
            paramLabel = "METRIC",
            description = "EUCLIDEAN or COSINE (default: the model's threshold metric).")
    Metric metric;

    @Option(
            names = "--cache",
            paramLabel = "FILE",
            description =
                    "Embedding cache, so that a re-run is fast (default: "
                            + "~/.cache/facekit/embeddings.json).")
    Path cache;

    @Option(names = "--no-cache", description = "Compute every embedding, keep none.")
    boolean noCache;
}
