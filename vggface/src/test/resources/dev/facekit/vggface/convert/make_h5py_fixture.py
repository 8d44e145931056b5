#!/usr/bin/env python3
"""Writes senet50_w16_notop_h5py.h5: an SE-ResNet-50 without classifier, every channel count
divided by 16, in the layout Keras 2 gives weight files (the layout of keras-vggface's
rcmalli_vggface_tf_notop_senet50.h5), written by h5py and libhdf5 as Keras writes them:

- root attributes layer_names (fixed-length byte strings, every layer in model order,
  weightless ones included), backend and keras_version;
- one group per layer, created with its full name, so "conv1/7x7_s2/bn" nests inside
  "conv1/7x7_s2"; weightless layers get an empty group with an empty weight_names;
- attribute weight_names ("<layer>/kernel:0", ...) and one float32 dataset per weight at
  "<layer>/<weight name>".

The values follow a formula that SyntheticWeights.sine() repeats in Java:
    base[i] = sin(0.618034 * i + 0.006283 * (crc32("<layer>/<role>") % 1000))
kernel: base * sqrt(6 / fan_in); bias, beta, moving_mean: 0.1 * base;
gamma: (0.75 + 0.25 * base), times 0.3 in "_1x1_increase/bn"; moving_variance: 1 + 0.5 * base.

Run: python3 make_h5py_fixture.py && gzip -9 -n -f senet50_w16_notop_h5py.h5
(needs numpy and h5py; on Debian the python3-h5py package; h5py 3.7.0 made the committed file)
"""
import zlib

import h5py
import numpy as np

OUT = "senet50_w16_notop_h5py.h5"
DIV = 16
layers = []  # (name, [(role, shape)])


def w(c):
    return c // DIV


def weightless(name):
    layers.append((name, []))


def conv(name, k, cin, cout, bias):
    ws = [("kernel", (k, k, cin, cout))]
    if bias:
        ws.append(("bias", (cout,)))
    layers.append((name, ws))


def bn(name, c):
    layers.append((name, [(r, (c,)) for r in ("gamma", "beta", "moving_mean", "moving_variance")]))


act = [0]


def activation():
    act[0] += 1
    weightless("activation_%d" % act[0])


weightless("input_1")
conv("conv1/7x7_s2", 7, 3, w(64), False)
bn("conv1/7x7_s2/bn", w(64))
activation()
weightless("max_pooling2d_1")
cin = w(64)
adds = 0
for s, (base, blocks) in enumerate([(64, 3), (128, 4), (256, 6), (512, 3)]):
    for b in range(1, blocks + 1):
        p = "conv%d_%d" % (s + 2, b)
        f = w(base)
        conv(p + "_1x1_reduce", 1, cin, f, False)
        bn(p + "_1x1_reduce/bn", f)
        activation()
        conv(p + "_3x3", 3, f, f, False)
        bn(p + "_3x3/bn", f)
        activation()
        conv(p + "_1x1_increase", 1, f, 4 * f, False)
        bn(p + "_1x1_increase/bn", 4 * f)
        weightless("global_average_pooling2d_%d" % (s * 10 + b))
        weightless("reshape_%d" % (s * 10 + b))
        conv(p + "_1x1_down", 1, 4 * f, 4 * f // 16, True)
        activation()
        conv(p + "_1x1_up", 1, 4 * f // 16, 4 * f, True)
        activation()
        weightless("multiply_%d" % (s * 10 + b))
        if b == 1:
            conv(p + "_1x1_proj", 1, cin, 4 * f, False)
            bn(p + "_1x1_proj/bn", 4 * f)
        adds += 1
        weightless("add_%d" % adds)
        activation()
        cin = 4 * f
weightless("avg_pool")


def values(layer, role, shape):
    n = int(np.prod(shape))
    phase = 0.006283 * (zlib.crc32(("%s/%s" % (layer, role)).encode()) % 1000)
    base = np.sin(0.618034 * np.arange(n, dtype=np.float64) + phase)
    if role == "kernel":
        v = base * np.sqrt(6.0 / (n / shape[-1]))
    elif role in ("bias", "beta", "moving_mean"):
        v = 0.1 * base
    elif role == "gamma":
        v = (0.3 if layer.endswith("_1x1_increase/bn") else 1.0) * (0.75 + 0.25 * base)
    else:
        v = 1.0 + 0.5 * base
    return v.astype(np.float32).reshape(shape)


with h5py.File(OUT, "w") as f:
    # Keras stores np.asarray(list of bytes): fixed-length strings; an empty list gives an
    # empty float64 array.
    f.attrs["layer_names"] = np.asarray([name.encode("utf8") for name, _ in layers])
    f.attrs["backend"] = b"tensorflow"
    f.attrs["keras_version"] = b"2.2.4"
    for name, ws in layers:
        g = f.create_group(name)
        names = [("%s/%s:0" % (name, role)).encode("utf8") for role, _ in ws]
        g.attrs["weight_names"] = np.asarray(names)
        for (role, shape), wn in zip(ws, names):
            d = g.create_dataset(wn.decode(), shape, dtype="float32")
            d[...] = values(name, role, shape)
