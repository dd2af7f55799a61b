#!/usr/bin/env bash
# Builds native (core, cli, tests, benchmarks) into build/native and the web app into build/wasm.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs   # Debian's emscripten finds acorn there
JOBS=$(nproc)
what=${1:-all}
if [ "$what" = all ] || [ "$what" = native ]; then
  cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build/native -j"$JOBS" 2>&1 | grep -E "error|warning: unused|Error" || true
  test -x build/native/deskbill-cli || { echo "build: native build failed" >&2; cmake --build build/native 2>&1 | tail -30; exit 1; }
fi
if [ "$what" = all ] || [ "$what" = wasm ]; then
  emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build/wasm -j"$JOBS" 2>&1 | grep -E "error|Error" || true
  test -f build/wasm/deskbill.wasm || { echo "build: wasm build failed" >&2; cmake --build build/wasm 2>&1 | tail -30; exit 1; }
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
