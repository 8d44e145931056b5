#!/usr/bin/env bash
# Rebuilds the sample photos of examples/src/main/resources/dev/facekit/examples/samples from the
# Debian packages they come from (see NOTICE). Needs apt-get (run 'apt-get update' first), dpkg-deb
# and a JDK 17.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../../examples/src/main/resources/dev/facekit/examples/samples"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
apt-get download python3-skimage=0.19.3-8 python-matplotlib-data=3.6.3-1
dpkg-deb -x python3-skimage_0.19.3-8_all.deb x
dpkg-deb -x python-matplotlib-data_3.6.3-1_all.deb x
java "$here/MakeSamples.java" x/usr/lib/python3/dist-packages/skimage/data \
    x/usr/share/matplotlib/mpl-data/sample_data "$out"
(cd "$out" && sha256sum ./*.jpg)
