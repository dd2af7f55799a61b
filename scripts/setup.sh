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

PACKAGES=(build-essential cmake git python3 nodejs npm googletest libgtest-dev libbenchmark-dev clang-format clang
          nlohmann-json3-dev emscripten binaryen chromium fonts-noto-core dpkg-dev xz-utils
          postgresql python3-psycopg2 openssl curl)
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

# Prints "URI KEYRING" of the first configured Debian main archive (not security, not a source
# entry of ours), from /etc/apt/sources.list.d/*.sources and the one-line sources.list files.
debian_mirror() {
  python3 - <<'PY'
import glob, re, sys
def main_archive(uri):
    return re.search(r"/debian/?$", uri) is not None
for path in sorted(glob.glob("/etc/apt/sources.list.d/*.sources")):
    if path.endswith("deskbill-src.sources"):
        continue
    for stanza in re.split(r"\n\s*\n", open(path).read()):
        fields = {}
        for line in stanza.splitlines():
            if line.startswith("#") or ":" not in line:
                continue
            k, v = line.split(":", 1)
            fields[k.strip().lower()] = v.strip()
        if "deb" not in fields.get("types", "").split() or fields.get("enabled", "yes").lower() == "no":
            continue
        for uri in fields.get("uris", "").split():
            if main_archive(uri):
                print(uri, fields.get("signed-by", "/usr/share/keyrings/debian-archive-keyring.gpg"))
                sys.exit(0)
for path in ["/etc/apt/sources.list"] + sorted(glob.glob("/etc/apt/sources.list.d/*.list")):
    try:
        lines = open(path).read().splitlines()
    except OSError:
        continue
    for line in lines:
        m = re.match(r"\s*deb\s+(\[[^\]]*\]\s+)?(\S+)\s+\S+", line)
        if m and main_archive(m.group(2)):
            opts = m.group(1) or ""
            k = re.search(r"signed-by=(\S+?)\]?(\s|$)", opts)
            print(m.group(2), k.group(1) if k else "/usr/share/keyrings/debian-archive-keyring.gpg")
            sys.exit(0)
sys.exit(1)
PY
}

# Dear ImGui from Debian's source package (the +ds tarball keeps backends/).
if ! grep -q '"1.90.1"' "$TP/imgui/imgui.h" 2>/dev/null; then
  SRC_LIST=/etc/apt/sources.list.d/deskbill-src.sources
  if ! apt-cache showsrc imgui 2>/dev/null | grep -q "^Version: $IMGUI_VERSION\$"; then
    if [ ! -f "$SRC_LIST" ]; then
      # The mirror this machine already uses for Debian's main archive (deb822 .sources files
      # or one-line sources.list entries), never an address of our own choosing.
      read -r MIRROR KEYRING < <(debian_mirror) || die "no Debian archive found in this machine's apt sources"
      say "adding a deb-src entry for Debian $IMGUI_SUITE from $MIRROR (Dear ImGui $IMGUI_VERSION)"
      { printf 'Types: deb-src\nURIs: %s\nSuites: %s\nComponents: main\n' "$MIRROR" "$IMGUI_SUITE"
        [ -n "$KEYRING" ] && printf 'Signed-By: %s\n' "$KEYRING"; } | $SUDO tee "$SRC_LIST" >/dev/null
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

# Fonts with Romanian diacritics (ș ț ă â î) from Debian's Noto package, and Noto Sans Symbols
# for the arrows Noto Sans lacks ("Configuration → Products"; scripts/check_glyphs.py).
mkdir -p "$TP/fonts"
for f in NotoSans-Regular NotoSans-Bold NotoSansSymbols-Regular; do
  [ -f "$TP/fonts/$f.ttf" ] || cp "/usr/share/fonts/truetype/noto/$f.ttf" "$TP/fonts/" \
    || die "font $f missing (fonts-noto-core)"
done

# Browser-test driver: playwright-core from npm, driving Debian's chromium.
if [ ! -f "$ROOT/tests/browser/node_modules/playwright-core/package.json" ]; then
  say "installing playwright-core $PLAYWRIGHT_VERSION"
  (cd "$ROOT/tests/browser" && npm install --no-audit --no-fund --silent >/dev/null) || die "npm install playwright-core failed"
fi
