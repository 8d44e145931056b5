package dev.facekit.benchmarks;

import dev.facekit.image.ImageDecoder;
import dev.facekit.image.RgbImage;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time of {@link ImageDecoder#decode(byte[], String)} (default options) for the JPEG of each
 * detection size ({@link BenchImages#encoded}): from bytes in memory to an upright {@link
 * RgbImage}, so disk reads are not included. The decode stage of the detection table.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class DecodeBenchmark {

    /** The image size, {@code WIDTHxHEIGHT}. */
    @Param({"427x240", "853x480", "1280x720", "1920x1080", "4000x3000"})
    public String size;

    private byte[] encoded;
    private final ImageDecoder decoder = ImageDecoder.defaults();

    /** Reads or encodes the JPEG of the size. */
    @Setup(Level.Trial)
    public void setUp() {
        encoded = BenchImages.encoded(size);
    }

    /**
     * Decodes the JPEG.
     *
     * @return the image
     */
    @Benchmark
    public RgbImage decode() {
        return decoder.decode(encoded, size + ".jpg");
    }
}
