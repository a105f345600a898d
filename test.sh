#!/usr/bin/env bash
# Run mujaz's tests. The preview test drives a real headless browser, the copy-paste test
# reads PDFs with poppler and the prepress test renders a print PDF's plates with Ghostscript,
# so Chromium, poppler-utils and ghostscript are installed first when missing (Debian/Ubuntu,
# as root or with sudo).
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

cargo test --locked "$@"
