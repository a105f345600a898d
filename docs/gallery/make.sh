#!/usr/bin/env bash
# Render the first page of the two version-1 sample briefs through every built-in outlet, and
# through the example outlets in docs/gallery/outlets, and the first two pages of the version-2
# sample and the cover and contents of the sample bulletin through every built-in outlet, as PNG. Run from the repository root:
# bash docs/gallery/make.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --quiet
samples=(briefs/egypt-pakistan-2025-09.toml briefs/red-sea-shipping-2024.toml)
for outlet in $(./target/debug/mujaz --messages en outlet list --templates /nonexistent | cut -f1); do
  ./target/debug/mujaz build "${samples[@]}" --outlet "$outlet" --format png --pages 1 --ppi 60 --force \
    -o docs/gallery --output-pattern "$outlet-{lang}"
  # The format's second version (key figures, a map, a quote, notes): its first two pages.
  ./target/debug/mujaz build briefs/red-sea-routes-2024.toml --outlet "$outlet" --format png --pages 1-2 \
    --ppi 60 --force -o docs/gallery --output-pattern "$outlet-v2"
  # The sample bulletin's cover and contents.
  ./target/debug/mujaz build bulletins/daily-2025-09-21.toml --outlet "$outlet" --format png --pages 1-2 \
    --ppi 60 --force -o "docs/gallery/$outlet-bulletin.png"
done
for folder in docs/gallery/outlets/*/; do
  outlet=$(basename "$folder")
  ./target/debug/mujaz build "${samples[@]}" --templates docs/gallery/outlets --outlet "$outlet" --format png \
    --pages 1 --ppi 60 --force -o docs/gallery --output-pattern "$outlet-{lang}"
done
