#!/usr/bin/env bash
# Checks that each crate in vendor/ is exactly that crate as published on crates.io with the
# diffs listed for it below applied in that order, and fails with a diff when one is not.
#
#   vendor/check-vendored.sh           check (CI runs this)
#   vendor/check-vendored.sh --write   replace each vendor/CRATE with the rebuilt tree
#
# --write is for updating to a new release or after changing a diff; see vendor/README.md.
# Needs cargo, tar, patch and diff; cargo downloads each published crate through whatever
# registry (or mirror) it is configured for, and the archive's SHA-256 is checked against the
# pinned one below, so what is compared is the exact published crate.
#
# Files of a published .crate that are deliberately NOT vendored ($NOT_VENDORED); their
# content is still covered by the archive's checksum:
#   .cargo_vcs_info.json  written by `cargo package`: the upstream commit the archive was made
#                         from. It describes the archive, not this modified copy; the commit is
#                         recorded in vendor/README.md instead.
#   Cargo.toml.orig       upstream's manifest before cargo normalised it (`workspace = true`
#                         entries pointing into upstream's workspace); cargo reads only Cargo.toml.
#   Cargo.lock            upstream's lock file for the crate. Cargo ignores the lock files of
#                         dependencies (mujaz's own Cargo.lock decides), and a second lock file
#                         would make lock-scanning tools report versions mujaz does not use.
# Everything else must match byte for byte, and vendor/CRATE may hold nothing more (a stray
# .cargo-ok, .orig or .rej file fails the check too). Files mujaz adds to a vendored crate
# (typst-pdf's rustfmt.toml) are added by a diff, so they are checked like the rest.
set -euo pipefail

# Each crate: name, version, the SHA-256 of its .crate (the "cksum" in the crates.io index;
# pinned here because mujaz's Cargo.lock records a vendored crate as a path crate, without a
# checksum), and its diffs in patches/, in order.
TYPST_PDF_PATCHES=(typst-pdf-cmyk-profile.diff typst-pdf-print-bleed.diff typst-pdf-print-condition.diff
  typst-pdf-vendored.diff typst-pdf-glyph-text.diff)
KRILLA_PATCHES=(krilla-print-condition.diff krilla-own-glyph-text.diff)
TYPST_LAYOUT_PATCHES=(typst-layout-vendored.diff typst-layout-keep-clusters.diff)
NOT_VENDORED=(.cargo_vcs_info.json Cargo.toml.orig Cargo.lock)

root="$(cd "$(dirname "$0")/.." && pwd)"

fail() {
  echo "check-vendored: error: $*" >&2
  exit 1
}

write=false
case "${1:-}" in
  "") ;;
  --write) write=true ;;
  *) fail "unknown argument '$1' (usage: vendor/check-vendored.sh [--write])" ;;
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

workroot="$(mktemp -d)"
trap 'rm -rf "$workroot"' EXIT

# Check (or with --write, rebuild) vendor/CRATE: check_crate CRATE VERSION SHA256 DIFF...
check_crate() {
  local crate="$1" VERSION="$2" SHA256="$3"
  shift 3
  local PATCHES=("$@")
  local vendored="$root/vendor/$crate"
  local name="$crate-$VERSION"
  local work lock_entry lock_sum crate_file rebuilt out same_files same_content host
  # mujaz's Cargo.lock must be on the same version; if it has a checksum for it, it must agree.
  lock_entry="$(awk -v want="$VERSION" -v crate="$crate" '
    /^\[\[package\]\]/ { if (hit) exit; name = ""; ver = "" }
    $0 == "name = \"" crate "\"" { name = 1 }
    /^version = / { ver = $3; gsub(/"/, "", ver); if (name && ver == want) hit = 1 }
    hit && /^checksum = / { sum = $3; gsub(/"/, "", sum) }
    END { if (hit) print "found " sum }
  ' "$root/Cargo.lock")"
  [ -n "$lock_entry" ] || fail "Cargo.lock has no $crate $VERSION; update its version and SHA-256 in $0"
  lock_sum="${lock_entry#found }"
  if [ -n "$lock_sum" ] && [ "$lock_sum" != "$SHA256" ]; then
    fail "Cargo.lock's checksum for $crate $VERSION ($lock_sum) is not the pinned $SHA256"
  fi

  work="$workroot/$crate"
  mkdir -p "$work"

  # The published crate, from cargo's download cache when it is already there, else downloaded
  # by `cargo fetch` for a throwaway project that depends on exactly this version. The project
  # starts from mujaz's Cargo.lock, so the crate's dependencies resolve to the versions mujaz's
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
  if ! crate_file="$(find_crate)"; then
    mkdir -p "$work/fetch/src"
    : >"$work/fetch/src/lib.rs"
    cat >"$work/fetch/Cargo.toml" <<EOF
[package]
name = "fetch-vendored"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
$crate = "=$VERSION"

[workspace]
EOF
    cp "$root/Cargo.lock" "$work/fetch/Cargo.lock"
    host="$(rustc -vV 2>/dev/null | sed -n 's/^host: //p')"
    (cd "$work/fetch" && cargo fetch --quiet ${host:+--target "$host"}) ||
      fail "cargo could not download $crate $VERSION"
    crate_file="$(find_crate)" || {
      found=("$cargo_home"/registry/cache/*/"$name.crate")
      fail "no $name.crate with SHA-256 $SHA256 in $cargo_home/registry/cache (found: ${found[*]})"
    }
  fi
  [ "$(sha256 "$crate_file")" = "$SHA256" ] || fail "$crate_file does not have SHA-256 $SHA256"

  # Rebuild: unpack, drop what is not vendored, apply the diffs in order (no fuzz).
  tar -xzf "$crate_file" -C "$work"
  rebuilt="$work/$name"
  [ -f "$rebuilt/Cargo.toml" ] || fail "$crate_file did not unpack to $name/"
  for f in "${NOT_VENDORED[@]}"; do
    rm -f "$rebuilt/$f"
  done
  for p in "${PATCHES[@]}"; do
    [ -f "$root/patches/$p" ] || fail "patches/$p is missing"
    if ! out="$(cd "$rebuilt" && patch -p1 --batch --forward --fuzz=0 --no-backup-if-mismatch \
      -r - <"$root/patches/$p" 2>&1)"; then
      echo "$out" >&2
      fail "patches/$p does not apply to $crate $VERSION after the diffs before it; refresh it"
    fi
  done

  if $write; then
    rm -rf "$vendored"
    cp -R "$rebuilt" "$vendored"
    echo "check-vendored: wrote vendor/$crate = $crate $VERSION + ${PATCHES[*]}"
    return 0
  fi

  [ -d "$vendored" ] || fail "vendor/$crate is missing (rebuild it with $0 --write)"
  # Readable paths in the diff: rebuilt/... is what it should be, vendor/CRATE/... is what it is.
  mkdir "$work/vendor"
  ln -s "$vendored" "$work/vendor/$crate"
  ln -s "$rebuilt" "$work/rebuilt"
  # Two comparisons: the lists of files (diff -N alone would take an extra empty file, such as
  # cargo's .cargo-ok, for a missing one) and then their contents.
  files() { (cd "$1" && find . ! -type d | LC_ALL=C sort); }
  same_files=true
  diff <(files "$rebuilt") <(files "$vendored") >"$work/files" || same_files=false
  same_content=true
  (cd "$work" && diff -ruN rebuilt/ "vendor/$crate/") >"$work/difference" || same_content=false
  if ! $same_files || ! $same_content; then
    {
      echo "check-vendored: FAILED: vendor/$crate is not $crate $VERSION (crates.io) with"
      echo "  ${PATCHES[*]} applied."
      sed -n "s|^< \./|  missing from vendor/$crate: |p; s|^> \./|  not expected in vendor/$crate: |p" \
        "$work/files"
      (cd "$work" && diff -rq rebuilt/ "vendor/$crate/") | grep -v '^Only in' | sed 's/^/  /' || true
      echo "A change to the vendored crate must be made as a diff in patches/ (patches/README.md);"
      echo "vendor/check-vendored.sh --write then rebuilds vendor/$crate. The difference"
      echo "(- rebuilt from crates.io and patches/, + vendor/$crate):"
      sed -E 's/^((---|\+\+\+) [^\t]+)\t.*/\1/' "$work/difference"
    } >&2
    exit 1
  fi
  echo "check-vendored: vendor/$crate is $crate $VERSION (sha256 ${SHA256:0:12}...) + ${PATCHES[*]}: OK"
}

check_crate typst-pdf 0.15.1 3aef841ff3e606542f3057ce5dd0ff264d53a439e00ed4a91ec00ec8568b3b7f "${TYPST_PDF_PATCHES[@]}"
check_crate krilla 0.8.2 27da593198b20eeba65caeb73c2bbeec3e53ab08fa549898312ce81c4fce5e33 "${KRILLA_PATCHES[@]}"
check_crate typst-layout 0.15.1 1916c407baf8f8815e5d50030eed6d5ac6a0702d927b3c156e38db7a618499e2 "${TYPST_LAYOUT_PATCHES[@]}"
