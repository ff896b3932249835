#!/usr/bin/env bash
# `make release` in two fresh clones of HEAD (in two different folders, each with
# its own cargo target and node_modules) must give byte-identical packages:
# the store zip, the xpi, the source package and SHA256SUMS.
# Only committed files are in a clone: commit before running this.
set -euo pipefail
repo=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
work=$(mktemp -d "${TMPDIR:-/tmp}/saavdhan-repro.XXXXXX")
trap 'rm -rf "$work"' EXIT
commit=$(git -C "$repo" rev-parse HEAD)
echo "reproducibility: two clean clones of ${commit:0:12}"
for n in one two-elsewhere; do
  git clone -q --no-local --no-hardlinks "$repo" "$work/$n"
  git -C "$work/$n" checkout -q "$commit"
  start=$SECONDS
  if ! (cd "$work/$n" && make release >"$work/$n.log" 2>&1); then
    tail -n 40 "$work/$n.log"; echo "make release failed in the clone $n"; exit 1
  fi
  echo "  clone $n: make release in $((SECONDS - start)) s"
done
# Cargo.toml's [package] version (its first "version =" line), as tools/package.mjs reads it.
version=$(sed -n 's/^version = "\([0-9.]*\)"$/\1/p' "$repo/Cargo.toml" | head -n 1)
fail=0; same=0
for f in "saavdhan-chrome-$version.zip" "saavdhan-firefox-$version.xpi" "saavdhan-source-$version.zip" SHA256SUMS; do
  a="$work/one/dist/$f"; b="$work/two-elsewhere/dist/$f"
  if [ ! -s "$a" ] || [ ! -s "$b" ]; then echo "  MISSING $f"; fail=$((fail + 1)); continue; fi
  if cmp -s "$a" "$b"; then
    echo "  identical $f ($(stat -c %s "$a") bytes, sha256 $(sha256sum "$a" | cut -c1-16)…)"; same=$((same + 1))
  else
    echo "  DIFFERENT $f"; fail=$((fail + 1))
    (cd "$work" && unzip -Z -v "one/dist/$f" >a.txt 2>/dev/null; unzip -Z -v "two-elsewhere/dist/$f" >b.txt 2>/dev/null; diff a.txt b.txt | head -20) || true
  fi
done
echo "reproducibility: $same passed, $fail failed"
[ "$fail" -eq 0 ]
