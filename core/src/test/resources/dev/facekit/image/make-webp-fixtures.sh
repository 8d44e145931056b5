#!/bin/sh
# Makes the lossy WebP fixtures of WebPDecodingTest from the synthetic colour probe (no photos).
# No Java library writes WebP, so libwebp's cwebp does it (Debian: apt-get install webp).
# Run from the repository root after `mvn -q -pl core test-compile`.
set -eu
out=core/src/test/resources/dev/facekit/image
tmp=$(mktemp -d)
java -cp core/target/test-classes:core/target/classes dev.facekit.image.ProbeFiles "$tmp"
cwebp -quiet -q 90 -m 6 "$tmp/probe.png" -o "$out/probe-lossy.webp"
cwebp -quiet -q 90 -m 6 -exact -alpha_q 100 "$tmp/probe-alpha.png" -o "$out/probe-lossy-alpha.webp"
# libwebp's own decoding, kept out of the repository; compare by hand with dwebp -ppm if needed.
rm -r "$tmp"
ls -l "$out"/*.webp
