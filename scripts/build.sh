#!/usr/bin/env bash
# Builds native (core, cli, tests, benchmarks) into build/native and the web app into build/wasm.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs   # Debian's emscripten finds acorn there
JOBS=$(nproc)
what=${1:-all}
if [ "$what" = all ] || [ "$what" = native ]; then
  cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release >/dev/null
  # A failed build fails here, even with an older binary left in build/ from the last one.
  if ! cmake --build build/native -j"$JOBS" > build/native/build.log 2>&1; then
    grep -E "error|Error" build/native/build.log | head -40 >&2
    echo "build: native build failed (build/native/build.log)" >&2
    exit 1
  fi
  grep -E "warning: unused" build/native/build.log || true
fi
if [ "$what" = all ] || [ "$what" = wasm ]; then
  emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release >/dev/null
  if ! cmake --build build/wasm -j"$JOBS" > build/wasm/build.log 2>&1; then
    grep -E "error|Error" build/wasm/build.log | head -40 >&2
    echo "build: wasm build failed (build/wasm/build.log)" >&2
    exit 1
  fi
  # The site: our shell, the static files, the app.
  mkdir -p build/site
  cp shell/index.html build/site/index.html
  cp -r web/. build/site/
  cp build/wasm/deskbill.js build/wasm/deskbill.wasm build/site/
  cp build/wasm/deskbill.data build/site/ 2>/dev/null || true
  # Stamp the service worker with the build's content so a new build replaces the cache.
  stamp=$(cat build/site/deskbill.js build/site/deskbill.wasm build/site/index.html build/site/snapshot_reader.js | sha256sum | cut -c1-12)
  sed -i "s/__BUILD__/$stamp/" build/site/sw.js
fi
