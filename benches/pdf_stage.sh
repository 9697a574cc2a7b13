#!/usr/bin/env bash
# Times the PDF + layout stages (read_pages + document_lines, via the
# `pdf_lines` example printing every line) against `pdftotext -layout` on the
# real reports in ../shared/real, per file, as milliseconds per page of
# whole-process wall time (hyperfine, mean of RUNS runs after a warm-up), and
# the same for CPU time (user + system), which suffers less when other jobs
# share the machine.
# Usage: benches/pdf_stage.sh [RUNS]    (from the crate root or anywhere)
set -euo pipefail
RUNS="${1:-10}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
REAL="$ROOT/../shared/real"
if [ ! -d "$REAL" ]; then
  echo "SKIPPED: $REAL is absent" >&2
  exit 0
fi
for tool in hyperfine pdftotext pdfinfo jq; do
  command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 1; }
done
cargo build --release --quiet --example pdf_lines --manifest-path "$ROOT/Cargo.toml"
OURS="$ROOT/target/release/examples/pdf_lines"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

printf '%-5s %10s %10s %7s %10s %10s %7s  %s\n' pages ours_ms/p pdftotext_ms/p ratio \
  ours_cpu/p pt_cpu/p ratio file
total_pages=0 total_ours=0 total_pt=0 total_ours_cpu=0 total_pt_cpu=0
while IFS= read -r -d '' pdf; do
  pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
  cp "$pdf" "$TMP/in.pdf"   # a path without spaces for hyperfine's shell
  hyperfine --style none --warmup 1 --runs "$RUNS" --export-json "$TMP/r.json" \
    "$OURS $TMP/in.pdf > /dev/null" \
    "pdftotext -layout $TMP/in.pdf /dev/null" >/dev/null 2>&1
  ours=$(jq '.results[0].mean * 1000' "$TMP/r.json")
  pt=$(jq '.results[1].mean * 1000' "$TMP/r.json")
  ours_cpu=$(jq '(.results[0].user + .results[0].system) * 1000' "$TMP/r.json")
  pt_cpu=$(jq '(.results[1].user + .results[1].system) * 1000' "$TMP/r.json")
  awk -v p="$pages" -v o="$ours" -v t="$pt" -v oc="$ours_cpu" -v tc="$pt_cpu" \
    -v f="${pdf#"$REAL"/}" \
    'BEGIN { printf "%-5d %10.2f %10.2f %7.2f %10.2f %10.2f %7.2f  %s\n",
             p, o / p, t / p, t / o, oc / p, tc / p, tc / oc, f }'
  total_ours_cpu=$(awk -v a="$total_ours_cpu" -v b="$ours_cpu" 'BEGIN { print a + b }')
  total_pt_cpu=$(awk -v a="$total_pt_cpu" -v b="$pt_cpu" 'BEGIN { print a + b }')
  total_pages=$((total_pages + pages))
  total_ours=$(awk -v a="$total_ours" -v b="$ours" 'BEGIN { print a + b }')
  total_pt=$(awk -v a="$total_pt" -v b="$pt" 'BEGIN { print a + b }')
done < <(find "$REAL" -name '*.pdf' -print0 | sort -z)
awk -v p="$total_pages" -v o="$total_ours" -v t="$total_pt" \
  'BEGIN { printf "ALL %d pages, wall: ours %.2f ms/page, pdftotext -layout %.2f ms/page, pdftotext/ours = %.2fx\n", p, o / p, t / p, t / o }'
awk -v p="$total_pages" -v o="$total_ours_cpu" -v t="$total_pt_cpu" \
  'BEGIN { printf "ALL %d pages, CPU:  ours %.2f ms/page, pdftotext -layout %.2f ms/page, pdftotext/ours = %.2fx\n", p, o / p, t / p, t / o }'
