#!/usr/bin/env bash
# Run mujaz's tests. The preview test drives a real headless browser, the copy-paste test
# reads PDFs with poppler and the prepress test renders a print PDF's plates with Ghostscript,
# so Chromium, poppler-utils and ghostscript are installed first when missing (Debian/Ubuntu,
# as root or with sudo), and axe-core with npm.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v gs >/dev/null 2>&1 || missing+=(ghostscript)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if command -v apt-get >/dev/null 2>&1; then
    echo "installing ${missing[*]} for the browser, copy-paste and prepress tests ..." >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "error: the tests need ${missing[*]}; install them and rerun" >&2
    exit 1
  fi
fi

# The web edition's accessibility test runs axe-core in Chromium; npm fetches that one
# package (a pinned version) into target/npm, outside the source tree.
axe=target/npm/node_modules/axe-core/axe.min.js
if [ ! -f "$axe" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "error: the accessibility test needs npm (Node.js) to install axe-core; install it and rerun" >&2
    exit 1
  fi
  echo "installing axe-core for the accessibility test ..." >&2
  mkdir -p target/npm
  npm install --prefix target/npm --no-save --no-audit --no-fund --silent axe-core@4.14.1 >/dev/null
fi

cargo test --locked "$@"
