#!/usr/bin/env bash
# Installs what deskbill needs on a Debian machine, only what is missing, and fetches the pinned
# third-party sources into third_party/ (never committed). Safe to run again: quiet when done.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
TP="$ROOT/third_party"
IMGUI_VERSION="1.90.1+ds-1"   # Debian trixie; pinned
IMGUI_SUITE="trixie"
PLAYWRIGHT_VERSION="1.65.1"

say() { echo "setup: $*" >&2; }
die() { echo "setup: ERROR: $*" >&2; exit 1; }

SUDO=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || die "run as root or install sudo"
  SUDO="sudo"
fi

PACKAGES=(build-essential cmake git python3 nodejs npm googletest libgtest-dev libbenchmark-dev
          nlohmann-json3-dev emscripten binaryen chromium fonts-noto-core dpkg-dev xz-utils)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# npm may come bundled with a nodejs from another source: accept a working npm.
if printf '%s\n' "${missing[@]:-}" | grep -qx npm && command -v npm >/dev/null; then
  missing=("${missing[@]/npm}")
fi
missing=($(printf '%s\n' "${missing[@]:-}" | grep -v '^$' || true))
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  $SUDO apt-get update -qq || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null \
    || die "could not install: ${missing[*]}"
fi

mkdir -p "$TP"

# Dear ImGui from Debian's source package (the +ds tarball keeps backends/).
if ! grep -q '"1.90.1"' "$TP/imgui/imgui.h" 2>/dev/null; then
  SRC_LIST=/etc/apt/sources.list.d/deskbill-src.sources
  if ! apt-cache showsrc imgui 2>/dev/null | grep -q "^Version: $IMGUI_VERSION\$"; then
    if [ ! -f "$SRC_LIST" ]; then
      say "adding a deb-src entry for Debian $IMGUI_SUITE (Dear ImGui $IMGUI_VERSION)"
      printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: %s\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
        "$IMGUI_SUITE" | $SUDO tee "$SRC_LIST" >/dev/null
    fi
    $SUDO apt-get update -qq || die "apt-get update failed"
  fi
  apt-cache showsrc imgui 2>/dev/null | grep -q "^Version: $IMGUI_VERSION\$" \
    || die "Dear ImGui $IMGUI_VERSION is no longer in Debian $IMGUI_SUITE's sources; update IMGUI_VERSION in scripts/setup.sh"
  work=$(mktemp -d)
  (cd "$work" && apt-get source --download-only "imgui=$IMGUI_VERSION" >/dev/null 2>&1) \
    || die "apt-get source imgui=$IMGUI_VERSION failed"
  rm -rf "$TP/imgui" && mkdir -p "$TP/imgui"
  tar -xJf "$work"/imgui_*.orig.tar.xz -C "$TP/imgui" --strip-components=1
  rm -rf "$work"
  grep -q '"1.90.1"' "$TP/imgui/imgui.h" || die "unexpected Dear ImGui version in the source package"
  say "Dear ImGui $IMGUI_VERSION in third_party/imgui"
fi

# nlohmann/json: only its own include folder, so the Emscripten build never sees /usr/include.
if [ ! -f "$TP/nlohmann-include/nlohmann/json.hpp" ]; then
  mkdir -p "$TP/nlohmann-include"
  cp -r /usr/include/nlohmann "$TP/nlohmann-include/"
fi

# Fonts with Romanian diacritics (ș ț ă â î) from Debian's Noto package.
if [ ! -f "$TP/fonts/NotoSans-Bold.ttf" ]; then
  mkdir -p "$TP/fonts"
  for f in NotoSans-Regular NotoSans-Bold; do
    cp "/usr/share/fonts/truetype/noto/$f.ttf" "$TP/fonts/" || die "font $f missing (fonts-noto-core)"
  done
fi

# Browser-test driver: playwright-core from npm, driving Debian's chromium.
if [ ! -f "$ROOT/tests/browser/node_modules/playwright-core/package.json" ]; then
  say "installing playwright-core $PLAYWRIGHT_VERSION"
  (cd "$ROOT/tests/browser" && npm install --no-audit --no-fund --silent >/dev/null) || die "npm install playwright-core failed"
fi
