#!/usr/bin/env bash
# Run mujaz's tests. The preview test drives a real headless browser, the copy-paste test
# reads PDFs with poppler, pdfium and PDF.js, and the prepress test renders a print PDF's
# plates with Ghostscript, so Chromium, poppler-utils and ghostscript are installed first when
# missing (Debian/Ubuntu, as root or with sudo), axe-core and pdfjs-dist with npm, and
# pypdfium2 with pip.
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

# The web edition's accessibility test runs axe-core in Chromium, and the copy-paste test reads
# PDFs with PDF.js (Firefox's engine); npm fetches those two packages (pinned versions, in one
# command so neither prunes the other) into target/npm, outside the source tree.
if [ ! -f target/npm/node_modules/axe-core/axe.min.js ] || [ ! -f target/npm/node_modules/pdfjs-dist/legacy/build/pdf.mjs ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "error: the accessibility and copy-paste tests need npm (Node.js) to install axe-core and pdfjs-dist; install it and rerun" >&2
    exit 1
  fi
  echo "installing axe-core and pdfjs-dist for the accessibility and copy-paste tests ..." >&2
  mkdir -p target/npm
  npm install --prefix target/npm --no-save --no-audit --no-fund --silent axe-core@4.14.1 pdfjs-dist@4.10.38 >/dev/null
fi

# The copy-paste test reads PDFs with pdfium (Chrome's engine) through pypdfium2, which pip
# installs (a pinned version, a wheel that carries pdfium) into target/py.
if [ ! -d target/py/pypdfium2 ]; then
  if ! python3 -m pip --version >/dev/null 2>&1; then
    echo "error: the copy-paste test needs python3 with pip to install pypdfium2; install them and rerun" >&2
    exit 1
  fi
  echo "installing pypdfium2 for the copy-paste test ..." >&2
  python3 -m pip install --quiet --disable-pip-version-check --target target/py pypdfium2==5.15.2 >/dev/null
fi

cargo test --locked "$@"
