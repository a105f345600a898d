#!/usr/bin/env bash
# Run mujaz's tests. The preview test drives a real headless browser, so Chromium is
# installed first when it is missing (Debian/Ubuntu, as root or with sudo).
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if command -v apt-get >/dev/null 2>&1; then
    echo "installing Chromium for the preview test ..." >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
  else
    echo "error: the preview test needs Chromium; install it and rerun" >&2
    exit 1
  fi
fi

cargo test --locked "$@"
