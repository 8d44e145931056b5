package dev.facekit.vggface.convert;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The keras-vggface networks computed in plain Java, straight loops in double precision, from the
 * synthetic weights, for one image. Written separately from the converter (batch norm is applied as
 * its own step, not folded; padding is worked out here), so that agreement means both follow {@code
 * models.py}.
 *
 * <p>{@link #run} returns every block's output under the converter's tap names ({@code pool1} ...
 * {@code pool5}, {@code fc6}, {@code fc7} for VGG16; {@code conv1}, {@code conv2_1} ... {@code
 * conv5_3} for the ResNets), plus {@code embedding} and, with the classifier, {@code
 * probabilities}.
 */
final class ReferenceNetwork {

    /** An activation of one image: height, width, channels and the values, channel fastest. */
    record Act(int h, int w, int c, float[] v) {}

    private final SyntheticWeights weights;
    private final Map<String, float[]> out = new LinkedHashMap<>();

    ReferenceNetwork(SyntheticWeights weights) {
        this.weights = weights;
    }

    /**
     * Runs the network.
     *
     * @param input the preprocessed 224x224x3 image (BGR, means subtracted), channel fastest
     * @return the block outputs, embedding and probabilities by name
     */
    Map<String, float[]> run(float[] input) {
        out.clear();
        Act x = new Act(224, 224, 3, input);
        if (weights.architecture() == Architecture.VGG16) {
            vgg16(x);
        } else {
            resnet(x, weights.architecture() == Architecture.SENET50);
        }
        return new LinkedHashMap<>(out);
    }

    private void vgg16(Act x) {
        int[] convs = {2, 2, 3, 3, 3};
        for (int b = 1; b <= 5; b++) {
            for (int i = 1; i <= convs[b - 1]; i++) {
                x = relu(conv(x, "conv" + b + "_" + i, 1, true));
            }
            x = maxPool(x, 2, 2);
            out.put("pool" + b, x.v());
        }
        if (weights.has("fc6")) {
            float[] fc6 = relu(dense(x.v(), "fc6"));
            out.put("fc6", fc6);
            float[] fc7 = dense(fc6, "fc7");
            out.put("fc7", fc7);
            out.put("embedding", fc7);
            out.put("probabilities", softmax(dense(relu(fc7), "fc8")));
        } else {
            out.put("embedding", globalAverage(x));
        }
    }

    private void resnet(Act x, boolean se) {
        double eps = se ? 1e-4 : 1e-3;
        x = relu(batchNorm(conv(x, "conv1/7x7_s2", 2, true), "conv1/7x7_s2/bn", eps));
        x = maxPool(x, 3, 2);
        out.put("conv1", x.v());
        int[] blocks = {3, 4, 6, 3};
        for (int s = 0; s < 4; s++) {
            for (int b = 1; b <= blocks[s]; b++) {
                String p = "conv" + (s + 2) + "_" + b;
                int stride = b == 1 && s > 0 ? 2 : 1;
                Act y =
                        relu(
                                batchNorm(
                                        conv(x, p + "_1x1_reduce", stride, false),
                                        p + "_1x1_reduce/bn",
                                        eps));
                y = relu(batchNorm(conv(y, p + "_3x3", 1, true), p + "_3x3/bn", eps));
                y = batchNorm(conv(y, p + "_1x1_increase", 1, false), p + "_1x1_increase/bn", eps);
                if (se) {
                    y = squeezeExcite(y, p);
                }
                Act shortcut =
                        b == 1
                                ? batchNorm(
                                        conv(x, p + "_1x1_proj", stride, false),
                                        p + "_1x1_proj/bn",
                                        eps)
                                : x;
                x = relu(add(y, shortcut));
                out.put(p, x.v());
            }
        }
        // AveragePooling2D((7, 7)): 7x7 windows, stride 7, no padding; on 7x7 one window.
        float[] pooled = globalAverage(x);
        out.put("embedding", pooled);
        if (weights.has("classifier")) {
            out.put("probabilities", softmax(dense(pooled, "classifier")));
        }
    }

    private Act squeezeExcite(Act y, String p) {
        float[] s = globalAverage(y);
        s = relu(pointwise(s, p + "_1x1_down"));
        s = pointwise(s, p + "_1x1_up");
        float[] v = new float[y.v().length];
        for (int i = 0; i < v.length; i++) {
            double g = 1.0 / (1.0 + Math.exp(-s[i % y.c()]));
            v[i] = (float) (y.v()[i] * g);
        }
        return new Act(y.h(), y.w(), y.c(), v);
    }

    /** A 1x1 convolution with bias on a 1x1 map: a dense layer with a [1, 1, in, out] kernel. */
    private float[] pointwise(float[] x, String layer) {
        float[] k = weights.values(layer, "kernel");
        float[] b = weights.values(layer, "bias");
        int outC = b.length;
        float[] y = new float[outC];
        for (int o = 0; o < outC; o++) {
            double acc = b[o];
            for (int i = 0; i < x.length; i++) {
                acc += (double) x[i] * k[i * outC + o];
            }
            y[o] = (float) acc;
        }
        return y;
    }

    /**
     * A convolution as TensorFlow computes it: kernel [k, k, in, out]; 'same' pads so the output is
     * ceil(in / stride), with the odd pixel at the bottom and right; 'valid' does not pad.
     */
    private Act conv(Act x, String layer, int stride, boolean same) {
        float[] kernel = weights.values(layer, "kernel");
        int[] shape = weights.shape(layer, "kernel");
        float[] bias = weights.shape(layer, "bias") == null ? null : weights.values(layer, "bias");
        int k = shape[0];
        int cin = shape[2];
        int cout = shape[3];
        int oh;
        int ow;
        int padTop;
        int padLeft;
        if (same) {
            oh = (x.h() + stride - 1) / stride;
            ow = (x.w() + stride - 1) / stride;
            padTop = Math.max((oh - 1) * stride + k - x.h(), 0) / 2;
            padLeft = Math.max((ow - 1) * stride + k - x.w(), 0) / 2;
        } else {
            oh = (x.h() - k) / stride + 1;
            ow = (x.w() - k) / stride + 1;
            padTop = 0;
            padLeft = 0;
        }
        float[] y = new float[oh * ow * cout];
        double[] acc = new double[cout];
        for (int oy = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                for (int o = 0; o < cout; o++) {
                    acc[o] = bias == null ? 0 : bias[o];
                }
                for (int ky = 0; ky < k; ky++) {
                    int iy = oy * stride - padTop + ky;
                    if (iy < 0 || iy >= x.h()) {
                        continue;
                    }
                    for (int kx = 0; kx < k; kx++) {
                        int ix = ox * stride - padLeft + kx;
                        if (ix < 0 || ix >= x.w()) {
                            continue;
                        }
                        int in = (iy * x.w() + ix) * cin;
                        int kb = (ky * k + kx) * cin * cout;
                        for (int ci = 0; ci < cin; ci++) {
                            double v = x.v()[in + ci];
                            if (v == 0) {
                                continue;
                            }
                            int base = kb + ci * cout;
                            for (int o = 0; o < cout; o++) {
                                acc[o] += v * kernel[base + o];
                            }
                        }
                    }
                }
                int ob = (oy * ow + ox) * cout;
                for (int o = 0; o < cout; o++) {
                    y[ob + o] = (float) acc[o];
                }
            }
        }
        return new Act(oh, ow, cout, y);
    }

    private Act batchNorm(Act x, String layer, double eps) {
        float[] gamma = weights.values(layer, "gamma");
        float[] beta = weights.values(layer, "beta");
        float[] mean = weights.values(layer, "moving_mean");
        float[] var = weights.values(layer, "moving_variance");
        float[] y = new float[x.v().length];
        for (int i = 0; i < y.length; i++) {
            int c = i % x.c();
            y[i] = (float) (gamma[c] * (x.v()[i] - mean[c]) / Math.sqrt(var[c] + eps) + beta[c]);
        }
        return new Act(x.h(), x.w(), x.c(), y);
    }

    private static Act maxPool(Act x, int size, int stride) {
        int oh = (x.h() - size) / stride + 1;
        int ow = (x.w() - size) / stride + 1;
        float[] y = new float[oh * ow * x.c()];
        for (int oy = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                for (int c = 0; c < x.c(); c++) {
                    float m = Float.NEGATIVE_INFINITY;
                    for (int dy = 0; dy < size; dy++) {
                        for (int dx = 0; dx < size; dx++) {
                            int iy = oy * stride + dy;
                            int ix = ox * stride + dx;
                            m = Math.max(m, x.v()[(iy * x.w() + ix) * x.c() + c]);
                        }
                    }
                    y[(oy * ow + ox) * x.c() + c] = m;
                }
            }
        }
        return new Act(oh, ow, x.c(), y);
    }

    private static float[] globalAverage(Act x) {
        double[] sum = new double[x.c()];
        for (int i = 0; i < x.v().length; i++) {
            sum[i % x.c()] += x.v()[i];
        }
        float[] y = new float[x.c()];
        for (int c = 0; c < y.length; c++) {
            y[c] = (float) (sum[c] / (x.h() * x.w()));
        }
        return y;
    }

    private float[] dense(float[] x, String layer) {
        float[] k = weights.values(layer, "kernel");
        float[] b = weights.values(layer, "bias");
        int n = b.length;
        double[] acc = new double[n];
        for (int j = 0; j < n; j++) {
            acc[j] = b[j];
        }
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            if (v == 0) {
                continue;
            }
            int base = i * n;
            for (int j = 0; j < n; j++) {
                acc[j] += v * k[base + j];
            }
        }
        float[] y = new float[n];
        for (int j = 0; j < n; j++) {
            y[j] = (float) acc[j];
        }
        return y;
    }

    private static float[] softmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double z = 0;
        double[] e = new double[logits.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = Math.exp(logits[i] - max);
            z += e[i];
        }
        float[] p = new float[e.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (e[i] / z);
        }
        return p;
    }

    private static Act relu(Act x) {
        return new Act(x.h(), x.w(), x.c(), relu(x.v()));
    }

    private static float[] relu(float[] v) {
        float[] y = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            y[i] = Math.max(0f, v[i]);
        }
        return y;
    }

    private static Act add(Act a, Act b) {
        float[] y = new float[a.v().length];
        for (int i = 0; i < y.length; i++) {
            y[i] = a.v()[i] + b.v()[i];
        }
        return new Act(a.h(), a.w(), a.c(), y);
    }
}
