#!/usr/bin/env bash
# Checks that vendor/typst-pdf is exactly typst-pdf $VERSION as published on crates.io with the
# diffs in $PATCHES applied in that order, and fails with a diff when it is not.
#
#   vendor/check-typst-pdf.sh           check (CI runs this)
#   vendor/check-typst-pdf.sh --write   replace vendor/typst-pdf with the rebuilt tree
#
# --write is for updating to a new typst-pdf release or after changing a diff; see
# vendor/README.md. Needs cargo, tar, patch and diff; cargo downloads the published crate
# through whatever registry (or mirror) it is configured for, and the archive's SHA-256 is
# checked against the pinned one below, so what is compared is the exact published crate.
#
# Files of the published .crate that are deliberately NOT vendored ($NOT_VENDORED); their
# content is still covered by the archive's checksum:
#   .cargo_vcs_info.json  written by `cargo package`: the upstream commit the archive was made
#                         from. It describes the archive, not this modified copy; the commit is
#                         recorded in vendor/README.md instead.
#   Cargo.toml.orig       upstream's manifest before cargo normalised it (`workspace = true`
#                         entries pointing into typst's workspace); cargo reads only Cargo.toml.
#   Cargo.lock            typst's lock file for the crate. Cargo ignores the lock files of
#                         dependencies (mujaz's own Cargo.lock decides), and a second lock file
#                         would make lock-scanning tools report versions mujaz does not use.
# Everything else must match byte for byte, and vendor/typst-pdf may hold nothing more (a
# stray .cargo-ok, .orig or .rej file fails the check too). Files mujaz adds to the vendored
# crate (its rustfmt.toml) are added by a diff, so they are checked like the rest.
set -euo pipefail

VERSION=0.15.1
# SHA-256 of typst-pdf-0.15.1.crate: the "cksum" of typst-pdf 0.15.1 in the crates.io index.
# It is pinned here because mujaz's Cargo.lock records typst-pdf as the path crate
# vendor/typst-pdf, without a checksum (if it ever records the registry crate with a
# checksum, that must agree, and is checked below).
SHA256=3aef841ff3e606542f3057ce5dd0ff264d53a439e00ed4a91ec00ec8568b3b7f
PATCHES=(typst-pdf-cmyk-profile.diff typst-pdf-print-bleed.diff typst-pdf-vendored.diff)
NOT_VENDORED=(.cargo_vcs_info.json Cargo.toml.orig Cargo.lock)

root="$(cd "$(dirname "$0")/.." && pwd)"
vendored="$root/vendor/typst-pdf"
name="typst-pdf-$VERSION"

fail() {
  echo "check-typst-pdf: error: $*" >&2
  exit 1
}

write=false
case "${1:-}" in
  "") ;;
  --write) write=true ;;
  *) fail "unknown argument '$1' (usage: vendor/check-typst-pdf.sh [--write])" ;;
esac

for tool in cargo tar patch diff; do
  command -v "$tool" >/dev/null 2>&1 || fail "needs '$tool' on PATH"
done

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d' ' -f1
  else
    shasum -a 256 "$1" | cut -d' ' -f1
  fi
}

# mujaz's Cargo.lock must be on the same version; if it has a checksum for it, it must agree.
lock_entry="$(awk -v want="$VERSION" '
  /^\[\[package\]\]/ { if (hit) exit; name = ""; ver = "" }
  /^name = "typst-pdf"$/ { name = 1 }
  /^version = / { ver = $3; gsub(/"/, "", ver); if (name && ver == want) hit = 1 }
  hit && /^checksum = / { sum = $3; gsub(/"/, "", sum) }
  END { if (hit) print "found " sum }
' "$root/Cargo.lock")"
[ -n "$lock_entry" ] || fail "Cargo.lock has no typst-pdf $VERSION; update VERSION and SHA256 in $0"
lock_sum="${lock_entry#found }"
if [ -n "$lock_sum" ] && [ "$lock_sum" != "$SHA256" ]; then
  fail "Cargo.lock's checksum for typst-pdf $VERSION ($lock_sum) is not the pinned $SHA256"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The published crate, from cargo's download cache when it is already there, else downloaded
# by `cargo fetch` for a throwaway project that depends on exactly this version. The project
# starts from mujaz's Cargo.lock, so typst-pdf's dependencies resolve to the versions mujaz's
# own build downloads anyway and nothing else is fetched.
cargo_home="${CARGO_HOME:-$HOME/.cargo}"
find_crate() {
  local f
  for f in "$cargo_home"/registry/cache/*/"$name.crate"; do
    if [ -f "$f" ] && [ "$(sha256 "$f")" = "$SHA256" ]; then
      echo "$f"
      return 0
    fi
  done
  return 1
}
if ! crate="$(find_crate)"; then
  mkdir -p "$work/fetch/src"
  : >"$work/fetch/src/lib.rs"
  cat >"$work/fetch/Cargo.toml" <<EOF
[package]
name = "fetch-typst-pdf"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
typst-pdf = "=$VERSION"

[workspace]
EOF
  cp "$root/Cargo.lock" "$work/fetch/Cargo.lock"
  host="$(rustc -vV 2>/dev/null | sed -n 's/^host: //p')"
  (cd "$work/fetch" && cargo fetch --quiet ${host:+--target "$host"}) ||
    fail "cargo could not download typst-pdf $VERSION"
  crate="$(find_crate)" || {
    found=("$cargo_home"/registry/cache/*/"$name.crate")
    fail "no $name.crate with SHA-256 $SHA256 in $cargo_home/registry/cache (found: ${found[*]})"
  }
fi
[ "$(sha256 "$crate")" = "$SHA256" ] || fail "$crate does not have SHA-256 $SHA256"

# Rebuild: unpack, drop what is not vendored, apply the diffs in order (no fuzz).
tar -xzf "$crate" -C "$work"
rebuilt="$work/$name"
[ -f "$rebuilt/Cargo.toml" ] || fail "$crate did not unpack to $name/"
for f in "${NOT_VENDORED[@]}"; do
  rm -f "$rebuilt/$f"
done
for p in "${PATCHES[@]}"; do
  [ -f "$root/patches/$p" ] || fail "patches/$p is missing"
  if ! out="$(cd "$rebuilt" && patch -p1 --batch --forward --fuzz=0 --no-backup-if-mismatch \
    -r - <"$root/patches/$p" 2>&1)"; then
    echo "$out" >&2
    fail "patches/$p does not apply to typst-pdf $VERSION after the diffs before it; refresh it"
  fi
done

if $write; then
  rm -rf "$vendored"
  cp -R "$rebuilt" "$vendored"
  echo "check-typst-pdf: wrote vendor/typst-pdf = typst-pdf $VERSION + ${PATCHES[*]}"
  exit 0
fi

[ -d "$vendored" ] || fail "vendor/typst-pdf is missing (rebuild it with $0 --write)"
# Readable paths in the diff: rebuilt/... is what it should be, vendor/typst-pdf/... is what it is.
mkdir "$work/vendor"
ln -s "$vendored" "$work/vendor/typst-pdf"
ln -s "$rebuilt" "$work/rebuilt"
# Two comparisons: the lists of files (diff -N alone would take an extra empty file, such as
# cargo's .cargo-ok, for a missing one) and then their contents.
files() { (cd "$1" && find . ! -type d | LC_ALL=C sort); }
same_files=true
diff <(files "$rebuilt") <(files "$vendored") >"$work/files" || same_files=false
same_content=true
(cd "$work" && diff -ruN rebuilt/ vendor/typst-pdf/) >"$work/difference" || same_content=false
if ! $same_files || ! $same_content; then
  {
    echo "check-typst-pdf: FAILED: vendor/typst-pdf is not typst-pdf $VERSION (crates.io) with"
    echo "  ${PATCHES[*]} applied."
    sed -n 's|^< \./|  missing from vendor/typst-pdf: |p; s|^> \./|  not expected in vendor/typst-pdf: |p' \
      "$work/files"
    (cd "$work" && diff -rq rebuilt/ vendor/typst-pdf/) | grep -v '^Only in' | sed 's/^/  /' || true
    echo "A change to the vendored crate must be made as a diff in patches/ (patches/README.md);"
    echo "vendor/check-typst-pdf.sh --write then rebuilds vendor/typst-pdf. The difference"
    echo "(- rebuilt from crates.io and patches/, + vendor/typst-pdf):"
    sed -E 's/^((---|\+\+\+) [^\t]+)\t.*/\1/' "$work/difference"
  } >&2
  exit 1
fi
echo "check-typst-pdf: vendor/typst-pdf is typst-pdf $VERSION (sha256 ${SHA256:0:12}...) + ${PATCHES[*]}: OK"
