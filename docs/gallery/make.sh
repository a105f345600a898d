#!/usr/bin/env bash
# Render the first page of every sample brief through every built-in outlet, and through the
# example outlets in docs/gallery/outlets, as PNG. Run from the repository root:
# bash docs/gallery/make.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --quiet
for outlet in $(./target/debug/mujaz outlet list --templates /nonexistent | cut -f1); do
  ./target/debug/mujaz build briefs --outlet "$outlet" --format png --pages 1 --ppi 60 --force \
    -o docs/gallery --output-pattern "$outlet-{lang}"
done
for folder in docs/gallery/outlets/*/; do
  outlet=$(basename "$folder")
  ./target/debug/mujaz build briefs --templates docs/gallery/outlets --outlet "$outlet" --format png \
    --pages 1 --ppi 60 --force -o docs/gallery --output-pattern "$outlet-{lang}"
done
